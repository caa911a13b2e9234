import { describe, expect, it } from "vitest";
import { defenderTables } from "@/kql/catalog";
import { createEventGenerator, generateMessages } from "./generator";
import { LOCAL_TENANT_ID } from "./envelope";
import { DEFAULT_TABLE_WEIGHTS, parseTableMix, TableMixError } from "./table-mix";

const START = "2026-08-01T12:00:00Z";
type Message = { records: Record<string, unknown>[] };

describe("createEventGenerator", () => {
  it("is deterministic: same seed and start, same bytes; another seed differs", () => {
    const run = (seed: string | number) =>
      [...generateMessages({ seed, count: 200, startTime: START, includePreview: true })].join("\n");
    expect(run("s1")).toBe(run("s1"));
    expect(run(5)).toBe(run(5));
    expect(run("s1")).not.toBe(run("s2"));
  });

  it("wraps records in the Event Hub envelope", () => {
    const gen = createEventGenerator({ seed: 3, startTime: START, recordsPerMessage: 25 });
    const records = (JSON.parse(gen.nextMessage()) as Message).records;
    expect(records).toHaveLength(25);
    let withoutZ = 0;
    for (const r of [...records, ...(JSON.parse(gen.nextMessage()) as Message).records]) {
      expect(Object.keys(r).sort()).toEqual([
        "Tenant",
        "_TimeReceivedBySvc",
        "category",
        "operationName",
        "properties",
        "tenantId",
        "time",
      ]);
      expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(r._TimeReceivedBySvc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z?$/);
      if (!String(r._TimeReceivedBySvc).endsWith("Z")) withoutZ++;
      expect(r.tenantId).toBe(LOCAL_TENANT_ID);
      expect(r.operationName).toBe("Publish");
      expect(r.Tenant).toBe("DefaultTenant");
      expect(String(r.category)).toMatch(/^AdvancedHunting-[A-Za-z]+$/);
      expect(typeof r.properties).toBe("object");
      // Event time precedes receipt, which precedes publication; all near the start time.
      const published = Date.parse(String(r.time));
      const received = Date.parse(`${String(r._TimeReceivedBySvc).replace(/Z?$/, "Z")}`);
      const event = Date.parse(String((r.properties as Record<string, unknown>).Timestamp));
      expect(event).toBeLessThanOrEqual(received);
      expect(received).toBeLessThanOrEqual(published);
      expect(Math.abs(published - Date.parse(START))).toBeLessThan(60_000);
    }
    expect(withoutZ).toBeGreaterThan(0);
  });

  it("mixes categories within one message, with Device tables dominating and no preview table by default", () => {
    const counts: Record<string, number> = {};
    const gen = createEventGenerator({ seed: 8, startTime: START, recordsPerMessage: 50 });
    let mixedMessages = 0;
    for (let i = 0; i < 40; i++) {
      const m = gen.next();
      if (Object.keys(m.tables).length > 1) mixedMessages++;
      for (const [t, n] of Object.entries(m.tables)) counts[t] = (counts[t] ?? 0) + n;
    }
    expect(mixedMessages).toBe(40);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const device = Object.entries(counts)
      .filter(([t]) => t.startsWith("Device"))
      .reduce((a, [, n]) => a + n, 0);
    expect(device / total).toBeGreaterThan(0.75);
    const preview = new Set(defenderTables.filter((t) => t.preview).map((t) => t.name));
    expect(Object.keys(counts).some((t) => preview.has(t))).toBe(false);
  });

  it("honours explicit table weights and record ranges", () => {
    const gen = createEventGenerator({
      seed: 1,
      startTime: START,
      tables: { EmailEvents: 1, AlertInfo: 1 },
      recordsPerMessage: [2, 4],
    });
    for (let i = 0; i < 20; i++) {
      const m = gen.next();
      expect(m.recordCount).toBeGreaterThanOrEqual(2);
      expect(m.recordCount).toBeLessThanOrEqual(4);
      expect(Object.keys(m.tables).every((t) => t === "EmailEvents" || t === "AlertInfo")).toBe(true);
    }
  });

  it("links AlertEvidence to AlertInfo alerts and email child tables to EmailEvents mails", () => {
    const gen = createEventGenerator({
      seed: 2,
      startTime: START,
      tables: { AlertInfo: 1, AlertEvidence: 2, EmailEvents: 1, EmailUrlInfo: 2 },
      recordsPerMessage: 200,
    });
    const records = (JSON.parse(gen.nextMessage()) as Message).records as {
      category: string;
      properties: Record<string, unknown>;
    }[];
    const ids = (cat: string, key: string) =>
      new Set(records.filter((r) => r.category === `AdvancedHunting-${cat}`).map((r) => r.properties[key]));
    const alertIds = ids("AlertInfo", "AlertId");
    expect([...ids("AlertEvidence", "AlertId")].filter((id) => alertIds.has(id)).length).toBeGreaterThan(5);
    const mailIds = ids("EmailEvents", "NetworkMessageId");
    expect([...ids("EmailUrlInfo", "NetworkMessageId")].filter((id) => mailIds.has(id)).length).toBeGreaterThan(5);
  });

  it("emits malformed messages only when asked", () => {
    const none = createEventGenerator({ seed: 4, startTime: START });
    for (let i = 0; i < 50; i++) expect(() => JSON.parse(none.nextMessage())).not.toThrow();
    const all = createEventGenerator({ seed: 4, startTime: START, malformedRate: 1 });
    for (let i = 0; i < 50; i++) {
      const m = all.next();
      expect(m.malformed).toBe(true);
      let valid = false;
      try {
        const parsed = JSON.parse(m.text) as { records?: unknown };
        valid =
          Array.isArray(parsed.records) &&
          parsed.records.every(
            (r) =>
              typeof r === "object" &&
              r !== null &&
              !Array.isArray(r) &&
              typeof (r as { properties?: unknown }).properties === "object" &&
              typeof (r as { category?: unknown }).category === "string",
          );
      } catch {
        valid = false;
      }
      expect(valid, m.text.slice(0, 80)).toBe(false);
    }
  });
});

describe("generateMessages", () => {
  it("stops after exactly `count` events, the last message partial", () => {
    const messages = [...generateMessages({ seed: 1, count: 23, recordsPerMessage: 10, startTime: START })];
    expect(messages.map((m) => (JSON.parse(m) as Message).records.length)).toEqual([10, 10, 3]);
  });
});

describe("parseTableMix", () => {
  it("parses names, weights, all and default; rejects unknown tables and bad weights", () => {
    expect(parseTableMix("default", defenderTables)).toBe(DEFAULT_TABLE_WEIGHTS);
    expect(parseTableMix("deviceprocessevents=5,EmailEvents", defenderTables)).toEqual({
      DeviceProcessEvents: 5,
      EmailEvents: 1.5,
    });
    expect(Object.keys(parseTableMix("all", defenderTables))).toHaveLength(defenderTables.length);
    expect(() => parseTableMix("Nope", defenderTables)).toThrow(TableMixError);
    expect(() => parseTableMix("EmailEvents=-1", defenderTables)).toThrow(/>= 0/);
    expect(() => createEventGenerator({ tables: { EmailEvents: 0 } })).toThrow(TableMixError);
  });
});
