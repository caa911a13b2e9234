/** The seed article's Staging table, FilterDeviceAlertEvents() and a mixed Event Hub message (real format). */
import type { FunctionFixture, TableFixture } from "./harness";

/** FilterDeviceAlertEvents() exactly as the seed article creates it. */
export const FILTER_DEVICE_ALERT_EVENTS: FunctionFixture = {
  name: "FilterDeviceAlertEvents",
  parameters: "()",
  body: `{
Staging
 | mv-expand Raw.records
 | project Properties=Raw_records.properties, Category=Raw_records.category
 | where Category == "AdvancedHunting-DeviceAlertEvents"
 | project           AlertId=tostring(Properties.AlertId),
Timestamp=todatetime(Properties.Timestamp),
DeviceId=tostring(Properties.DeviceId),
DeviceName=tostring(Properties.DeviceName),
Severity=tostring(Properties.Severity),
Category=tostring(Properties.Category),
Title=tostring(Properties.Title),
FileName=tostring(Properties.FileName),
SHA1=tostring(Properties.SHA1),
RemoteUrl=tostring(Properties.RemoteUrl),
RemoteIp=tostring(Properties.RemoteIp),
ReportId=tolong(Properties.ReportId),
Table=tostring(Properties.Table)
}`,
};

/** One Event Hub message mixing three tables; raw JSON text so the 18-digit ReportId stays exact. */
export const MIXED_MESSAGE = `{"records":[
 {"time":"2024-06-01T10:00:00.0000000Z","tenantId":"tenant-1","operationName":"Publish","category":"AdvancedHunting-DeviceAlertEvents",
  "properties":{"AlertId":"da637","Timestamp":"2024-06-01T09:59:59.1234567Z","DeviceId":"dev-1","DeviceName":"pc-1.contoso.com","Severity":"High",
   "Category":"Malware","Title":"Suspicious file","FileName":"evil.exe","SHA1":"3395856ce81f2b7382dee72602f798b642f14140","RemoteUrl":null,
   "RemoteIp":"10.1.2.3","ReportId":123456789012345678,"Table":"DeviceAlertEvents"}},
 {"time":"2024-06-01T10:00:01.0000000Z","tenantId":"tenant-1","operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents",
  "properties":{"Timestamp":"2024-06-01T09:59:58Z","DeviceId":"dev-2","FileName":"cmd.exe","ReportId":17}},
 {"time":"2024-06-01T10:00:02.0000000Z","tenantId":"tenant-1","operationName":"Publish","category":"AdvancedHunting-DeviceAlertEvents",
  "properties":{"AlertId":"da638","Timestamp":"2024-06-01T08:00:00+02:00","DeviceId":"dev-3","DeviceName":"pc-3","Severity":"Low",
   "Category":"Execution","Title":"Odd script","FileName":"run.ps1","SHA1":"","RemoteUrl":"http://x.example","RemoteIp":"","ReportId":"42","Table":"DeviceAlertEvents"}},
 {"time":"2024-06-01T10:00:03.0000000Z","tenantId":"tenant-1","operationName":"Publish","category":"AdvancedHunting-EmailEvents",
  "properties":{"Timestamp":"2024-06-01T09:00:00Z","NetworkMessageId":"b7a1e9f2-0000-4000-8000-000000000001"}}
]}`;

/** Staging with the mixed message, a message with no records, and one with `records: null`. */
export const STAGING: TableFixture = {
  name: "Staging",
  columns: [{ name: "Raw", type: "dynamic" }],
  rows: [[MIXED_MESSAGE], ['{"records":[]}'], ['{"records":null}']],
};
