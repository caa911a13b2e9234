import { randomUUID } from "node:crypto";
import type { ResultTable } from "../commands/result";
import { nowKusto } from "../storage/time";

/**
 * A complete, non-progressive v2 response: DataSetHeader, @ExtendedProperties, PrimaryResult,
 * QueryCompletionInformation, DataSetCompletion. Progressive frames are never sent (the Node client ignores them).
 */
export function v2Response(primary: ResultTable, clientRequestId: string, activityId: string): object[] {
  const now = nowKusto();
  return [
    {
      FrameType: "DataSetHeader",
      IsProgressive: false,
      Version: "v2.0",
      IsFragmented: false,
      ErrorReportingPlacement: "EndOfTable",
    },
    {
      FrameType: "DataTable",
      TableId: 0,
      TableKind: "QueryProperties",
      TableName: "@ExtendedProperties",
      Columns: [
        { ColumnName: "TableId", ColumnType: "int" },
        { ColumnName: "Key", ColumnType: "string" },
        { ColumnName: "Value", ColumnType: "dynamic" },
      ],
      Rows: [[1, "Visualization", JSON.stringify({ Visualization: null })]],
    },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: primary.columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
      Rows: primary.rows,
    },
    {
      FrameType: "DataTable",
      TableId: 2,
      TableKind: "QueryCompletionInformation",
      TableName: "QueryCompletionInformation",
      Columns: [
        { ColumnName: "Timestamp", ColumnType: "datetime" },
        { ColumnName: "ClientRequestId", ColumnType: "string" },
        { ColumnName: "ActivityId", ColumnType: "guid" },
        { ColumnName: "SubActivityId", ColumnType: "guid" },
        { ColumnName: "ParentActivityId", ColumnType: "guid" },
        { ColumnName: "Level", ColumnType: "int" },
        { ColumnName: "LevelName", ColumnType: "string" },
        { ColumnName: "StatusCode", ColumnType: "int" },
        { ColumnName: "StatusCodeName", ColumnType: "string" },
        { ColumnName: "EventType", ColumnType: "int" },
        { ColumnName: "EventTypeName", ColumnType: "string" },
        { ColumnName: "Payload", ColumnType: "string" },
      ],
      Rows: [
        [
          now,
          clientRequestId,
          activityId,
          randomUUID(),
          activityId,
          4,
          "Info",
          0,
          "S_OK (0)",
          4,
          "QueryInfo",
          JSON.stringify({ Count: 1, Text: "Query completed successfully" }),
        ],
      ],
    },
    { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false },
  ];
}
