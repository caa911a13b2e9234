/** Datetime and timespan SQL: TIMESTAMP_NS values and BIGINT 100-ns ticks, with Kusto's alignment and formats. */
import { Sql, sql, type SqlNode } from "./sql";
import { UNIX_EPOCH_TICKS } from "./types";

/** Ticks since 0001-01-01 of a TIMESTAMP_NS (Kusto's `tolong(datetime)`). */
export function ticksOf(ts: SqlNode): SqlNode {
  return sql`(epoch_ns(${ts}) // 100 + ${Sql.int(UNIX_EPOCH_TICKS)})`;
}

/** The TIMESTAMP_NS for ticks since 0001-01-01. */
export function fromTicks(ticks: SqlNode): SqlNode {
  return sql`make_timestamp_ns((${ticks} - ${Sql.int(UNIX_EPOCH_TICKS)}) * 100)`;
}

/** datetime ± timespan, keeping 100-ns precision (INTERVAL arithmetic would round to microseconds). */
export function addTicks(ts: SqlNode, ticks: SqlNode, sign: "+" | "-"): SqlNode {
  return sql`make_timestamp_ns(epoch_ns(${ts}) ${sign} (${ticks}) * 100)`;
}

/** datetime - datetime as timespan ticks. */
export function diffTicks(a: SqlNode, b: SqlNode): SqlNode {
  return sql`((epoch_ns(${a}) - epoch_ns(${b})) // 100)`;
}

/** `bin(datetime, timespan)`: floor to a multiple of the span counted from 0001-01-01, as Kusto aligns it. */
export function binDatetime(ts: SqlNode, spanTicks: SqlNode): SqlNode {
  const t = ticksOf(ts);
  return fromTicks(sql`(${t} // (${spanTicks}) * (${spanTicks}))`);
}

/** A TIMESTAMP_NS constant from a JS Date (millisecond precision). */
export function timestampConstant(date: Date): SqlNode {
  return sql`CAST(${Sql.str(date.toISOString())} AS TIMESTAMP_NS)`;
}

/** `tostring(datetime)`: ISO 8601 with 7 fractional digits and `Z`, as Kusto prints it. */
export function formatDatetime(ts: SqlNode): SqlNode {
  return sql`(strftime(${ts}, '%Y-%m-%dT%H:%M:%S') || '.' || lpad(CAST((epoch_ns(${ts}) % 1000000000 + 1000000000) % 1000000000 // 100 AS VARCHAR), 7, '0') || 'Z')`;
}

/** `tostring(timespan)`: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: SqlNode): SqlNode {
  const a = sql`abs(${ticks})`;
  const day = sql`(${a} // 864000000000)`;
  const rest = sql`(${a} % 864000000000)`;
  const hms = sql`lpad(CAST(${rest} // 36000000000 AS VARCHAR), 2, '0') || ':' || lpad(CAST(${rest} // 600000000 % 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(${rest} // 10000000 % 60 AS VARCHAR), 2, '0')`;
  const frac = sql`CASE WHEN ${a} % 10000000 = 0 THEN '' ELSE '.' || lpad(CAST(${a} % 10000000 AS VARCHAR), 7, '0') END`;
  return sql`(CASE WHEN ${ticks} < 0 THEN '-' ELSE '' END || CASE WHEN ${day} > 0 THEN CAST(${day} AS VARCHAR) || '.' ELSE '' END || ${hms} || ${frac})`;
}

/** Parses `[-][d.]hh:mm[:ss[.fffffff]]` text into ticks; anything else is null (Kusto's `totimespan`). */
export function parseTimespan(text: SqlNode): SqlNode {
  const re = Sql.str("^\\s*(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?\\s*$");
  const g = (i: number) => sql`regexp_extract(${text}, ${re}, ${Sql.int(i)})`;
  const n = (i: number) => sql`COALESCE(TRY_CAST(NULLIF(${g(i)}, '') AS BIGINT), 0)`;
  const frac = sql`COALESCE(TRY_CAST(NULLIF(rpad(${g(6)}, 7, '0'), '0000000') AS BIGINT), 0)`;
  const total = sql`(${n(2)} * 864000000000 + ${n(3)} * 36000000000 + ${n(4)} * 600000000 + ${n(5)} * 10000000 + ${frac})`;
  return sql`CASE WHEN regexp_matches(${text}, ${re}) THEN CASE WHEN ${g(1)} = '-' THEN -${total} ELSE ${total} END END`;
}
