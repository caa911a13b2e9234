/** Options shared by status derivation and planning, with their defaults. */
import { DEFAULT_STAGING_MAPPING, DEFAULT_STAGING_TABLE } from "@/kql/catalog";

/** Options of the status functions; every field has a default. */
export interface StatusOptions {
  /** Name of the Staging table. Default `Staging`. */
  readonly stagingTable?: string;
  /** Name of Staging's JSON ingestion mapping. Default `StagingMapping`. */
  readonly mappingName?: string;
  /**
   * A configured table that received rows before becomes stale after this many minutes without any, while other
   * tables receive rows. Default 60. Rows in the last hour always make a table healthy, so values below 60 act as 60.
   */
  readonly staleAfterMinutes?: number;
  /** Failures newer than this many minutes make a table failing. Default 60. */
  readonly failureWindowMinutes?: number;
}

/** @internal {@link StatusOptions} with defaults filled in. */
export type ResolvedStatusOptions = Required<StatusOptions>;

/** Default of {@link StatusOptions.staleAfterMinutes}. */
export const DEFAULT_STALE_AFTER_MINUTES = 60;
/** Default of {@link StatusOptions.failureWindowMinutes}. */
export const DEFAULT_FAILURE_WINDOW_MINUTES = 60;

/** @internal */
export function resolveStatusOptions(options: StatusOptions = {}): ResolvedStatusOptions {
  return {
    stagingTable: options.stagingTable ?? DEFAULT_STAGING_TABLE,
    mappingName: options.mappingName ?? DEFAULT_STAGING_MAPPING,
    staleAfterMinutes: options.staleAfterMinutes ?? DEFAULT_STALE_AFTER_MINUTES,
    failureWindowMinutes: options.failureWindowMinutes ?? DEFAULT_FAILURE_WINDOW_MINUTES,
  };
}
