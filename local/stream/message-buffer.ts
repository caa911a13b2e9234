/** A message waiting for the sink, as an Event Hub partition holds it. */
export interface QueuedMessage {
  readonly text: string;
  readonly recordCount: number;
  readonly enqueuedAt: number;
}

export interface BufferLimits {
  /** Most messages held; the oldest are dropped beyond it. */
  readonly maxMessages: number;
  /** How long a message may wait; older ones expire (Event Hub retention). */
  readonly retentionMs: number;
}

export interface LossCounts {
  messages: number;
  records: number;
}

/**
 * Bounded FIFO with Event Hub semantics: a consumer that is not ready loses nothing until the retention period
 * or the capacity runs out, and then the oldest messages go first.
 */
export class MessageBuffer {
  private readonly items: QueuedMessage[] = [];
  private head = 0;
  readonly dropped: LossCounts = { messages: 0, records: 0 };
  readonly expired: LossCounts = { messages: 0, records: 0 };
  private recordsHeld = 0;

  constructor(readonly limits: BufferLimits) {
    if (!(limits.maxMessages >= 1)) throw new Error("maxMessages must be at least 1");
    if (!(limits.retentionMs > 0)) throw new Error("retentionMs must be positive");
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get records(): number {
    return this.recordsHeld;
  }

  peek(): QueuedMessage | undefined {
    return this.items[this.head];
  }

  push(message: QueuedMessage): void {
    this.items.push(message);
    this.recordsHeld += message.recordCount;
    while (this.size > this.limits.maxMessages) this.removeHead(this.dropped);
  }

  /** Removes the head after the sink accepted it. */
  shift(): QueuedMessage | undefined {
    const item = this.peek();
    if (item) this.removeHead(null);
    return item;
  }

  /** Drops messages older than the retention period. */
  expire(now: number): void {
    for (let item = this.peek(); item && now - item.enqueuedAt > this.limits.retentionMs; item = this.peek()) {
      this.removeHead(this.expired);
    }
  }

  private removeHead(loss: LossCounts | null): void {
    const item = this.items[this.head];
    if (!item) return;
    this.head++;
    this.recordsHeld -= item.recordCount;
    if (loss) {
      loss.messages++;
      loss.records += item.recordCount;
    }
    // Compact now and then so a long-running stream does not keep every delivered message reachable.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
