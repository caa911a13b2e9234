/** Status vocabulary shared by the per-part comparisons, the status functions and the planner. */

/** How one part of a table's setup (function, table, update policy) compares with the generated one. */
export type PartState = "missing" | "ok" | "drifted";

/** The statuses of a Defender table, in the order the checklist explains them. */
export const TABLE_STATUSES = ["not-set-up", "partial", "drifted", "waiting", "healthy", "stale", "failing"] as const;

/**
 * Status of one Defender table:
 * - `not-set-up`: none of function, table, update policy exists;
 * - `partial`: some of them are missing;
 * - `drifted`: all exist but one differs from what the console generates;
 * - `waiting`: configured, no rows in the last hour (never any, or not yet stale);
 * - `healthy`: configured, rows in the last hour;
 * - `stale`: configured, ingested before, nothing for longer than the threshold while other tables receive rows;
 * - `failing`: configured, with recent ingestion failures (wins over healthy).
 */
export type TableStatusKind = (typeof TABLE_STATUSES)[number];
