import type { CatalogColumn } from "@/kql/catalog";
import type { At, EventContext } from "../event-context";
import type { JsonValue } from "../json-text";

/** What a column rule yields: a JSON value, a datetime to format, or null (not applicable to this event). */
export type GenValue = JsonValue | At | null;

export type ColumnRule = (ctx: EventContext, column: CatalogColumn) => GenValue;

/** Rules keyed by column name, or by `Table.Column` for a table-specific meaning. */
export type RuleTable = Readonly<Record<string, ColumnRule>>;
