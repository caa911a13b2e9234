import { describe, expect, it } from "vitest";
import { defenderTables } from "@/kql/catalog";
import { At, EventContext } from "../event-context";
import { RecentPool } from "../recent-pool";
import { createRng } from "../rng";
import { ACTION_TYPES } from "../values/action-types";
import { buildWorld } from "../values/world";
import { conformValue } from "./conform";
import { resolveColumn } from "./resolve";

describe("column rules", () => {
  const rng = createRng("rules");
  const world = buildWorld(rng);
  const recent = new RecentPool();

  it("give every streamed column of every table a meaning-based value whose type survives conforming", () => {
    const unknown: string[] = [];
    const lost: string[] = [];
    for (const table of defenderTables) {
      for (let i = 0; i < 40; i++) {
        const actions = ACTION_TYPES[table.name];
        const action = actions ? rng.weighted(actions) : null;
        const ctx = new EventContext(rng, world, table, { ms: Date.UTC(2026, 7, 1), ticks: 1234 }, action, recent);
        for (const column of table.columns) {
          if (!column.streamed) continue;
          const raw = resolveColumn(ctx, column);
          if (raw === undefined) {
            unknown.push(`${table.name}.${column.name}`);
            continue;
          }
          // A rule value that conforming turns into null would be a silent type mismatch.
          if (raw !== null && conformValue(ctx, column, raw, { digits: 7 }) === null) {
            lost.push(`${table.name}.${column.name}=${raw instanceof At ? "At" : JSON.stringify(String(raw))}`);
          }
        }
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
    expect([...new Set(lost)]).toEqual([]);
  });

  it("keep one event's columns consistent (device, process path, email ids)", () => {
    const table = defenderTables.find((t) => t.name === "DeviceProcessEvents");
    if (!table) throw new Error("catalog lacks DeviceProcessEvents");
    const ctx = new EventContext(rng, world, table, { ms: Date.UTC(2026, 7, 1), ticks: 1 }, "ProcessCreated", recent);
    const col = (name: string) => {
      const c = table.columns.find((x) => x.name === name);
      if (!c) throw new Error(name);
      return conformValue(ctx, c, resolveColumn(ctx, c) ?? null, { digits: 7 });
    };
    const device = world.devices.find((d) => d.id === col("DeviceId"));
    expect(device?.name).toBe(col("DeviceName"));
    expect(
      String(col("InitiatingProcessFolderPath"))
        .toLowerCase()
        .endsWith(String(col("InitiatingProcessFileName")).toLowerCase()),
    ).toBe(true);
    expect(Date.parse(String(col("InitiatingProcessCreationTime")))).toBeLessThan(Date.parse(String(col("Timestamp"))));
  });
});
