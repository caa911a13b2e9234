/** Streaming ingestion through azure-kusto-ingest's StreamingIngestClient (gzip, chunked), and `.ingest inline` forms. */
import { KustoConnectionStringBuilder } from "azure-kusto-data";
import { DataFormat, IngestionProperties, StreamingIngestClient } from "azure-kusto-ingest";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appClaims,
  DB,
  failure,
  type Harness,
  mgmt,
  STREAM_APP,
  startHarness,
  userClaims,
  VIEWER_OID,
} from "../testing/harness";
import { intake, queryRows, scalar } from "./testing";

describe("streaming ingestion", () => {
  let h: Harness;
  let client: StreamingIngestClient;
  beforeAll(async () => {
    h = await startHarness();
    const token = await h.token(appClaims(STREAM_APP));
    client = new StreamingIngestClient(KustoConnectionStringBuilder.withTokenProvider(h.engine.url, async () => token));
    for (const c of [
      ".create table Events (Timestamp: datetime, DeviceName: string, ReportId: long, Extra: dynamic, Score: real, Ok: bool, Id: guid)",
      `.create table Events ingestion json mapping 'EventsMapping' '[{"column":"Timestamp","Properties":{"Path":"$.properties.Timestamp"}},{"column":"DeviceName","Properties":{"Path":"$[\\'properties\\'][\\'DeviceName\\']"}},{"column":"ReportId","path":"$.properties.ReportId","datatype":"long"},{"column":"Extra","Properties":{"Path":"$.properties.AdditionalFields"}},{"column":"Score","Properties":{"Path":"$.properties.Score"}},{"column":"Ok","Properties":{"Path":"$.properties.Ok"}},{"column":"Id","Properties":{"Path":"$.properties.Id"}}]'`,
      ".create table Plain (a: string, b: long, c: dynamic)",
    ]) {
      await mgmt(h.admin, c);
    }
  });
  afterAll(async () => {
    client?.close();
    await h?.close();
  });

  const props = (table: string, format: string, mapping?: string) =>
    new IngestionProperties({
      database: DB,
      table,
      format: format as never,
      ...(mapping ? { ingestionMappingReference: mapping } : {}),
    });

  it("ingests a gzipped multijson stream with a mapping, bypassing batching", async () => {
    const data =
      `{"properties":{"Timestamp":"2026-01-05T10:00:00.1234567Z","DeviceName":"ws-1","ReportId":987654321098765432,` +
      `"AdditionalFields":{"k":[1,2]},"Score":1.5,"Ok":true,"Id":"6F9619FF-8B86-D011-B42D-00CF4FC964FF"}}\n` +
      `{"properties":{"Timestamp":"2026-01-05T12:00:00+02:00","DeviceName":"ws-2","ReportId":"12","Score":"x","Ok":"false"}}`;
    const result = await client.ingestFromStream(
      Readable.from([Buffer.from(data)]),
      props("Events", DataFormat.MULTIJSON, "EventsMapping"),
    );
    expect(result).toBeDefined();
    const rows = await queryRows(
      h.admin,
      "Events | order by DeviceName asc | project DeviceName, t = tostring(Timestamp), r = tostring(ReportId), Extra, Score, Ok, Id",
    );
    expect(rows).toEqual([
      [
        "ws-1",
        "2026-01-05T10:00:00.1234567Z",
        "987654321098765432",
        { k: [1, 2] },
        1.5,
        true,
        "6f9619ff-8b86-d011-b42d-00cf4fc964ff",
      ],
      // Values that do not convert become null; the offset is applied, not dropped.
      ["ws-2", "2026-01-05T10:00:00.0000000Z", "12", null, null, false, null],
    ]);
    // Not queued: nothing pending in the intake, one extent already.
    expect(intake(h).pending().Events).toBeUndefined();
    expect(await scalar(h.admin, "Events | summarize dcount(ingestion_time())")).toBe(1);
  });

  it("answers with a v1 table naming the consumed records", async () => {
    const response = await fetch(`${h.engine.url}/v1/rest/ingest/${DB}/Plain?streamFormat=csv`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await h.token(appClaims(STREAM_APP))}`,
        "content-type": "application/octet-stream",
      },
      body: 'x,1,"{""a"":1}"\r\n"y, with comma",2,plain\n',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Tables: { Columns: { ColumnName: string }[]; Rows: unknown[][] }[] };
    expect(body.Tables[0]!.Columns.map((c) => c.ColumnName)).toEqual([
      "ConsumedRecordsCount",
      "UpdatePolicyStatus",
      "UpdatePolicyFailureCode",
      "UpdatePolicyFailureReason",
    ]);
    expect(body.Tables[0]!.Rows).toEqual([[2, "Success", "", ""]]);
    expect(await queryRows(h.admin, "Plain | order by a asc")).toEqual([
      ["x", 1, { a: 1 }],
      ["y, with comma", 2, "plain"],
    ]);
  });

  it("refuses viewers, unknown tables and unknown mappings", async () => {
    const viewer = await h.token(userClaims(VIEWER_OID));
    const post = (path: string, token: string) =>
      fetch(`${h.engine.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    expect((await post(`/v1/rest/ingest/${DB}/Plain?streamFormat=json`, viewer)).status).toBe(403);
    const ingestor = await h.token(appClaims(STREAM_APP));
    const missing = await post(`/v1/rest/ingest/${DB}/Nope?streamFormat=json`, ingestor);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("BadRequest_EntityNotFound");
    const badMapping = await post(`/v1/rest/ingest/${DB}/Plain?streamFormat=json&mappingName=Nope`, ingestor);
    expect(((await badMapping.json()) as { error: { code: string } }).error.code).toBe(
      "BadRequest_MappingReferenceWasNotFound",
    );
    expect((await post(`/v1/rest/ingest/OtherDb/Plain?streamFormat=json`, ingestor)).status).toBe(404);
    expect((await fetch(`${h.engine.url}/v1/rest/ingest/${DB}/Plain`, { method: "POST", body: "x" })).status).toBe(401);
  });

  it(".ingest inline: json lines, csv, and the all-zero extent id when nothing is ingested", async () => {
    const json = await mgmt(
      h.ingestor,
      `.ingest inline into table Plain with (format='json') <| {"a":"j1","b":5,"c":[1]}\n{"a":"j2"}`,
    );
    expect(json.columns).toEqual(["ExtentId:guid"]);
    expect(json.rows[0]![0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.rows[0]![0]).not.toBe("00000000-0000-0000-0000-000000000000");
    const csv = await mgmt(h.ingestor, ".ingest inline into table Plain <| c1,3,\nc2,,[2]");
    expect(csv.rows).toHaveLength(1);
    expect(await queryRows(h.admin, "Plain | where a in ('j1','j2','c1','c2') | order by a asc")).toEqual([
      ["c1", 3, null],
      ["c2", null, [2]],
      ["j1", 5, [1]],
      ["j2", null, null],
    ]);
    const empty = await mgmt(h.ingestor, ".ingest inline into table Plain with (format='multijson') <| []");
    expect(empty.rows).toEqual([["00000000-0000-0000-0000-000000000000"]]);
    const bad = await failure(mgmt(h.ingestor, `.ingest inline into table Plain with (format='multijson') <| {"a": }`));
    expect(bad.code).toBe("BadRequest_InvalidBlob");
    expect((await failure(mgmt(h.viewer, ".ingest inline into table Plain <| z"))).status).toBe(403);
  });
});
