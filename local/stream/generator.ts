import { defenderTables, type CatalogTable } from "@/kql/catalog";
import { buildRecord, LOCAL_TENANT_ID, recordTimes } from "./envelope";
import { EventContext } from "./event-context";
import { toJsonText, type JsonValue } from "./json-text";
import { malformMessage } from "./malformed";
import { RecentPool } from "./recent-pool";
import { buildProperties, hasSubMillisecondTicks } from "./record";
import { createRng, type Seed } from "./rng";
import { resolveTableWeights, type TableWeights } from "./table-mix";
import { instantFromMs } from "./time-format";
import { ACTION_TYPES } from "./values/action-types";
import { buildWorld } from "./values/world";

export interface GeneratorOptions {
  /** Same seed (and same start time/clock) → same output, byte for byte. Default `"defender-adx-console"`. */
  readonly seed?: Seed;
  /** Weights per table name; tables not named get 0. Default: {@link DEFAULT_TABLE_WEIGHTS}. */
  readonly tables?: TableWeights;
  /** Add preview tables (BehaviorInfo, IdentityInfo, ...) to the default mix. Default false. */
  readonly includePreview?: boolean;
  /** Records per message: a number, or `[min, max]` drawn per message. Default 10. */
  readonly recordsPerMessage?: number | readonly [number, number];
  /** Share of messages (0..1) that are malformed on purpose. Default 0. */
  readonly malformedRate?: number;
  /** Start of the virtual clock (ms since epoch, Date or ISO text). Default: now. */
  readonly startTime?: number | Date | string;
  /** Events per second used to advance the virtual clock between records. Default 10. */
  readonly rate?: number;
  /** Wall clock in ms; when set, records are stamped with it instead of the virtual clock (live streams). */
  readonly clock?: () => number;
  readonly tenantId?: string;
  /** Tables to draw from. Default: the whole catalog. */
  readonly catalog?: readonly CatalogTable[];
}

/** One generated Event Hub message. */
export interface GeneratedMessage {
  /** JSON text of `{"records":[...]}` (or deliberately broken text when `malformed`). */
  readonly text: string;
  /** Records (events) the message carries; counted also for malformed ones, as the producer sent them. */
  readonly recordCount: number;
  readonly malformed: boolean;
  /** Table name → records of that table in this message. */
  readonly tables: Readonly<Record<string, number>>;
}

export interface EventGenerator {
  /** JSON text of the next message. */
  nextMessage(): string;
  /** The next message with its counts; at most `maxRecords` records (used for a final partial message). */
  next(maxRecords?: number): GeneratedMessage;
  /** Tables with a non-zero weight, with their weights. */
  readonly mix: readonly (readonly [string, number])[];
}

function toMs(start: GeneratorOptions["startTime"]): number {
  if (start === undefined) return Date.now();
  if (start instanceof Date) return start.getTime();
  if (typeof start === "string") {
    const ms = Date.parse(start);
    if (Number.isNaN(ms)) throw new Error(`Invalid start time '${start}'`);
    return ms;
  }
  return start;
}

/** Creates a deterministic generator of Defender streaming messages. */
export function createEventGenerator(options: GeneratorOptions = {}): EventGenerator {
  const catalog = options.catalog ?? defenderTables;
  const weighted = resolveTableWeights(catalog, { weights: options.tables, includePreview: options.includePreview });
  const root = createRng(options.seed ?? "defender-adx-console");
  // Separate streams: adding a column rule later must not change which table or world the seed produces.
  const worldRng = root.fork("world");
  const mixRng = root.fork("mix");
  const valueRng = root.fork("values");
  const envelopeRng = root.fork("envelope");
  const world = buildWorld(worldRng);
  const recent = new RecentPool();
  const tenantId = options.tenantId ?? LOCAL_TENANT_ID;
  const rate = options.rate && options.rate > 0 ? options.rate : 10;
  const malformedRate = Math.max(0, Math.min(1, options.malformedRate ?? 0));
  let virtualMs = toMs(options.startTime);

  const size = (): number => {
    const r = options.recordsPerMessage ?? 10;
    const n = typeof r === "number" ? r : mixRng.int(r[0], r[1]);
    return Math.max(1, Math.floor(n));
  };

  const nextRecord = (): [string, Record<string, JsonValue>] => {
    const table = mixRng.weighted(weighted);
    const now = options.clock ? options.clock() : virtualMs;
    virtualMs += 1000 / rate;
    const times = recordTimes(envelopeRng, instantFromMs(now), hasSubMillisecondTicks(table));
    const actions = ACTION_TYPES[table.name];
    const hasActionType = table.columns.some((c) => c.name === "ActionType");
    const actionType = hasActionType && actions ? valueRng.weighted(actions) : null;
    const ctx = new EventContext(valueRng, world, table, times.event, actionType, recent);
    const properties = buildProperties(ctx);
    return [table.name, buildRecord(envelopeRng, table, times, properties, tenantId)];
  };

  const next = (maxRecords?: number): GeneratedMessage => {
    const n = Math.max(1, Math.min(size(), maxRecords ?? Number.POSITIVE_INFINITY));
    const tables: Record<string, number> = {};
    const records: JsonValue[] = [];
    for (let i = 0; i < n; i++) {
      const [name, record] = nextRecord();
      tables[name] = (tables[name] ?? 0) + 1;
      records.push(record);
    }
    const valid = toJsonText({ records });
    const malformed = malformedRate > 0 && envelopeRng.chance(malformedRate);
    return { text: malformed ? malformMessage(envelopeRng, valid) : valid, recordCount: n, malformed, tables };
  };

  return {
    next,
    nextMessage: () => next().text,
    mix: weighted.map(([t, w]) => [t.name, w] as const),
  };
}

/**
 * Messages until `count` events have been emitted (the last message may be smaller), or forever without `count`.
 */
export function* generateMessages(
  options: GeneratorOptions & { count?: number } = {},
): Generator<string, void, undefined> {
  const generator = createEventGenerator(options);
  let remaining = options.count ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const message = generator.next(remaining);
    remaining -= message.recordCount;
    yield message.text;
  }
}
