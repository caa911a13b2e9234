/** Kusto scalar type names used by the catalog (the names `.create table` and `getschema` use). */
export type KustoType =
  "string" | "long" | "int" | "real" | "bool" | "datetime" | "timespan" | "guid" | "dynamic" | "decimal";

/**
 * Product family of a table, as the console groups them. `Preview` holds every table not officially
 * streamable yet (observed only); `UrlClickEvents` belongs to `Email`, `CloudAppEvents` to `CloudApps`.
 */
export type TableFamily = "Device" | "Alerts" | "Email" | "Identity" | "CloudApps" | "Preview";

/** One column of a Defender Advanced Hunting table, as streamed and as stored in ADX. */
export interface CatalogColumn {
  /** Column name in Advanced Hunting (and in the ADX target table). */
  readonly name: string;
  /** Kusto type of the column in Advanced Hunting (the real `getschema` type where it differs from the docs). */
  readonly type: KustoType;
  /** Key of the value under the record's `properties`; equal to `name` unless the payload differs (e.g. `ISP`). */
  readonly payloadKey: string;
  /** `json-text` when the payload carries JSON inside a string (e.g. `AdditionalFields`), `native` otherwise. */
  readonly encoding: "native" | "json-text";
  /** False when the Streaming API never delivers the column (it is computed in Advanced Hunting). */
  readonly streamed: boolean;
  /** `documented` for the docs' columns, `stream-extra` for columns seen in real payloads but not in the docs. */
  readonly origin: "documented" | "stream-extra";
  /** Short paraphrased description. */
  readonly description: string;
}

/** One streamable Defender table. */
export interface CatalogTable {
  /** Table name, e.g. `DeviceProcessEvents`. */
  readonly name: string;
  /** The record `category` in the stream: `AdvancedHunting-<name>`. */
  readonly category: string;
  /** True for tables observed in exports but not officially listed as streamable. */
  readonly preview: boolean;
  readonly family: TableFamily;
  /** Microsoft Learn page of the table's schema. */
  readonly docsUrl: string;
  /** Columns in documented order, followed by stream-only extras. */
  readonly columns: readonly CatalogColumn[];
  /** Payload quirks and catalog decisions worth showing to the user. */
  readonly notes: readonly string[];
}
