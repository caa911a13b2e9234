/**
 * Every command of the seed article (shared/seed/000_6a8ecb69e76e9693.txt), verbatim and in its order, comment
 * lines included: users paste them by hand, so the engine must accept them exactly as written. The article's
 * non-breaking spaces before `| mv-expand` are ordinary spaces here, as the tests have always sent them.
 */
import { FILTER_DEVICE_ALERT_EVENTS } from "../query/__fixtures__/seed";

/** The seed's commands by step; each value is the article's text for that step. */
export const SEED_COMMANDS = {
  createStaging: `// Raw column is going to get data JSON array in each row
.create table Staging (Raw: dynamic)`,
  mapping: `// This mapping would map the root element of JSON and ingest it into Raw column
.create table Staging ingestion json mapping 'StagingMapping' '[{"column":"Raw","path":"$","datatype":"dynamic","transform":null}]'`,
  function: `// This function will be created in a folder called UpdatePolicies
.create function with (docstring = "Filters data for Device Alert Events for ingestion", folder = "UpdatePolicies") FilterDeviceAlertEvents()
${FILTER_DEVICE_ALERT_EVENTS.body}`,
  setOrAppend: `// This control command is going to perform two tasks
// 1. Create a table with the same schema as the output of FilterDeviceAlertEvents
// 2. Populate the data that is already available in Staging table (doing data back fill)
.set-or-append DeviceAlertEvents <| FilterDeviceAlertEvents()`,
  updatePolicy: `// This command is setting the update policy and using Staging as a source for ingestion and FilterDeviceAlertEvents as the query to run for each ingestion
.alter table DeviceAlertEvents policy update 
@'[{"IsEnabled": true, "Source": "Staging", "Query": "FilterDeviceAlertEvents()", "IsTransactional": true, "PropagateIngestionProperties": true}]'`,
  retention: `// Data will not be retained on this table after ingestion
.alter-merge table Staging policy retention softdelete = 0s`,
  batching: `// Set IngestionBatching policy on table \`Staging\` (in database context) to batch ingress data by 30 seconds, 500 files, or 1GB (whatever comes first)
.alter table Staging policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:00:30", "MaximumNumberOfItems": 500, "MaximumRawDataSizeMB": 1024}'`,
} as const;

/** The seed's commands in the article's order. */
export const SEED_SEQUENCE: readonly string[] = Object.values(SEED_COMMANDS);

/** A seed command without its leading `//` comment lines, for tests that exercise the bare command. */
export function withoutComments(command: string): string {
  return command.replace(/^(?:\/\/[^\n]*\n)+/, "");
}
