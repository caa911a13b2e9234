/**
 * The engine's write lock. Exclusive holders (metadata changes, queries on the writer connection, every ingestion
 * that is not a lane's) run one at a time in arrival order. Shared holders — ingestion lanes, each on its own
 * connection (`Database.openLane`) — run alongside each other but never alongside an exclusive holder. Arrival order
 * holds between the two kinds: a shared request made after an exclusive one waits for it, and an exclusive request
 * waits for every shared holder admitted before it.
 */
export class WriteLock {
  /** Settles when every holder admitted so far has finished (failures swallowed). */
  private tail: Promise<unknown> = Promise.resolve();
  /** The shared holders admitted since the last exclusive request; later shared requests join them. */
  private open: { readonly start: Promise<unknown>; readonly holders: Promise<unknown>[] } | null = null;

  /** Runs `fn` after every earlier holder finished; failures do not block later holders. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.open = null;
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` after every earlier exclusive holder finished, alongside the other shared holders. */
  shared<T>(fn: () => Promise<T>): Promise<T> {
    const open = (this.open ??= { start: this.tail, holders: [] });
    const result = open.start.then(fn, fn);
    open.holders.push(result.catch(() => undefined));
    this.tail = Promise.all(open.holders);
    return result;
  }
}
