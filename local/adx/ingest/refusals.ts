/**
 * What the queued intake refused, per target table, so the console can tell that a producer is waiting. An Event
 * Hub keeps unread events and its data connection retries; the engine cannot see the producer's backlog, only the
 * deliveries it had to refuse. The record is in memory (a producer that keeps retrying re-creates it within seconds
 * after a restart) and is cleared by the first accepted delivery to the table.
 */

/** Why a delivery was refused. */
export type RefusalReason = "table-missing" | "mapping-missing";

/** A producer counts as waiting while its last refusal is at most this old and nothing was accepted since. */
export const WAITING_WINDOW_MS = 60_000;

/** Tables tracked at most; refusals for names beyond it are not recorded (any caller may name any table). */
const MAX_TABLES = 256;

interface Refusals {
  count: number;
  firstAt: number;
  lastAt: number;
  reason: RefusalReason;
  detail: string;
}

/** The refusal record of one table, as `GET /local/intake` serves it (without `pending`). */
export interface RefusalView {
  readonly table: string;
  /** Refused within the last {@link WAITING_WINDOW_MS} and nothing accepted since. */
  readonly waiting: boolean;
  /** Refused deliveries since the last accepted one (a producer's retries of one message count each time). */
  readonly refusedCount: number;
  readonly firstRefusedAt: string | null;
  readonly lastRefusedAt: string | null;
  /** The reason of the LAST refusal (the mapping may go missing after the table appears). */
  readonly reason: RefusalReason | null;
  /** The engine's message for the last refusal. */
  readonly detail: string | null;
}

/** Refused deliveries per table. */
export class RefusalLog {
  private readonly byTable = new Map<string, Refusals>();

  /** Records one refused delivery to `table` at `at` (ms). */
  refused(table: string, reason: RefusalReason, detail: string, at: number): void {
    const current = this.byTable.get(table);
    if (current) {
      current.count++;
      current.lastAt = at;
      current.reason = reason;
      current.detail = detail;
      return;
    }
    if (this.byTable.size >= MAX_TABLES) return;
    this.byTable.set(table, { count: 1, firstAt: at, lastAt: at, reason, detail });
  }

  /** A delivery to `table` was accepted: the producer is no longer waiting. */
  accepted(table: string): void {
    this.byTable.delete(table);
  }

  /** The record of `table` as seen at `now` (ms). */
  view(table: string, now: number): RefusalView {
    const r = this.byTable.get(table);
    if (!r) {
      return {
        table,
        waiting: false,
        refusedCount: 0,
        firstRefusedAt: null,
        lastRefusedAt: null,
        reason: null,
        detail: null,
      };
    }
    return {
      table,
      waiting: now - r.lastAt <= WAITING_WINDOW_MS,
      refusedCount: r.count,
      firstRefusedAt: new Date(r.firstAt).toISOString(),
      lastRefusedAt: new Date(r.lastAt).toISOString(),
      reason: r.reason,
      detail: r.detail,
    };
  }
}
