import type { ResultTable } from "../commands/result";
import { V1_COMMAND_DATA_TYPES, V1_QUERY_DATA_TYPES } from "../storage/kusto-types";

/**
 * A v1 response (`/v1/rest/mgmt`, `/v1/rest/query`): `{"Tables":[…]}`. Every column carries both `DataType` (the
 * .NET name) and `ColumnType` (the Kusto name): azure-kusto-data types values only from `ColumnType`.
 */
export function v1Response(tables: readonly ResultTable[], kind: "command" | "query"): object {
  const dataTypes = kind === "command" ? V1_COMMAND_DATA_TYPES : V1_QUERY_DATA_TYPES;
  return {
    Tables: tables.map((t, i) => ({
      TableName: `Table_${i}`,
      Columns: t.columns.map((c) => ({ ColumnName: c.name, DataType: dataTypes[c.type], ColumnType: c.type })),
      Rows: t.rows,
    })),
  };
}

/**
 * A v1 query response: the data table plus @ExtendedProperties, QueryStatus and the TableOfContents that marks
 * Table_0 as the primary result (the client reads the last table as the table of contents when there are more
 * than two).
 */
export function v1QueryResponse(primary: ResultTable, clientRequestId: string, activityId: string): object {
  const status: ResultTable = {
    columns: [
      { name: "Timestamp", type: "datetime" },
      { name: "Severity", type: "int" },
      { name: "SeverityName", type: "string" },
      { name: "StatusCode", type: "int" },
      { name: "StatusDescription", type: "string" },
      { name: "Count", type: "int" },
      { name: "RequestId", type: "guid" },
      { name: "ActivityId", type: "guid" },
      { name: "SubActivityId", type: "guid" },
      { name: "ClientActivityId", type: "string" },
    ],
    rows: [
      [
        new Date().toISOString(),
        4,
        "Info",
        0,
        "Query completed successfully",
        1,
        activityId,
        activityId,
        activityId,
        clientRequestId,
      ],
    ],
  };
  const properties: ResultTable = {
    columns: [{ name: "Value", type: "string" }],
    rows: [[JSON.stringify({ Visualization: null })]],
  };
  const toc: ResultTable = {
    columns: [
      { name: "Ordinal", type: "long" },
      { name: "Kind", type: "string" },
      { name: "Name", type: "string" },
      { name: "Id", type: "string" },
      { name: "PrettyName", type: "string" },
    ],
    rows: [
      [0, "QueryResult", "PrimaryResult", activityId, ""],
      [1, "QueryProperties", "@ExtendedProperties", activityId, ""],
      [2, "QueryStatus", "QueryStatus", activityId, ""],
    ],
  };
  return v1Response([primary, properties, status, toc], "query");
}
