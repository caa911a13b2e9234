import "server-only";

/**
 * Per-table in-process locks for apply. Two applies of the same table must not interleave: the second would plan
 * from a state the first is changing. The second caller does not wait — it gets `null` (the routes answer 409
 * `conflict:tables`, bulk reports the table as `busy`): by the time it could run, its plan would be empty anyway,
 * and the user sees the first apply's result. Held on globalThis so every route module of the process shares it.
 *
 * Single process only: several server instances would need a lock in the cluster (documented in the report).
 */
const g = globalThis as typeof globalThis & { __consoleApplyLocks?: Set<string> };
const held = (g.__consoleApplyLocks ??= new Set<string>());

/** Takes the lock of `key` and returns its release, or `null` when it is held. */
export function tryLock(key: string): (() => void) | null {
  if (held.has(key)) return null;
  held.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(key);
  };
}

/** Takes every free lock of `keys` at once; returns the releases of those taken and the keys that were busy. */
export function tryLockAll(keys: readonly string[]): { taken: Map<string, () => void>; busy: string[] } {
  const taken = new Map<string, () => void>();
  const busy: string[] = [];
  for (const key of keys) {
    const release = tryLock(key);
    if (release) taken.set(key, release);
    else busy.push(key);
  }
  return { taken, busy };
}
