/**
 * Preparing each lane's grouped statements ahead (group-prepare.ts, run by the intake's warm-up after a metadata
 * change): a group then prepares nothing of its own, so the statements prepared ahead are exactly the ones it runs;
 * and where a group reads its rows from the queue, the shared prefix is not prepared.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, mgmt, startHarness } from "../testing/harness";
import { preparedCount, preparedSql } from "./stage-tables";
import { intake, message, queryRows, record } from "./testing";

const policy = (source: string, fn: string) =>
  `@'[{"IsEnabled": true, "Source": "${source}", "Query": "${fn}()", "IsTransactional": true}]'`;

describe("preparing grouped ingestion ahead", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const [source, keeps] of [
      ["Kept", true],
      ["Gone", false],
    ] as const) {
      await mgmt(h.admin, `.create table ${source} (Raw: dynamic)`);
      await mgmt(
        h.admin,
        `.create table ${source} ingestion json mapping 'M' '[{"column":"Raw","Properties":{"Path":"$"}}]'`,
      );
      await mgmt(
        h.admin,
        `.alter table ${source} policy ingestionbatching @'{"MaximumBatchingTimeSpan":"00:05:00", "MaximumNumberOfItems": 2}'`,
      );
      if (!keeps) await mgmt(h.admin, `.alter-merge table ${source} policy retention softdelete = 0s`);
      // Two policies whose queries start alike: their common expansion is a shared prefix.
      for (const prefix of ["a", "c"]) {
        const target = `${source}${prefix.toUpperCase()}`;
        await mgmt(h.admin, `.create table ${target} (a: string)`);
        await mgmt(
          h.admin,
          `.create-or-alter function Route${target}() { ${source} | mv-expand r = Raw.records | project p = r.properties | where tostring(p.a) startswith '${prefix}' | project a = tostring(p.a) }`,
        );
        await mgmt(h.admin, `.alter table ${target} policy update ${policy(source, `Route${target}`)}`);
      }
    }
    // A delivery after the changes starts the warm-up, which `flush` waits for. Its one message selects nothing.
    const start = await intake(h).enqueueAll("Kept", "multijson", "M", [message(record("X", { a: "z" }))]);
    expect(start.status).toBe("enqueued");
    await intake(h).flush("Kept");
  });
  afterAll(async () => h?.close());

  for (const [source, statements] of [
    ["Kept", 3],
    ["Gone", 2],
  ] as const) {
    it(`prepares ahead what a group of ${source} runs: the group prepares nothing more`, async () => {
      const storage = h.engine.storage;
      const mine = preparedSql(storage).filter((sql) => sql.includes(`shared$${source}$`));
      // The two policies, and the shared prefix only where the rows are staged (the source keeps them).
      expect(mine).toHaveLength(statements);
      expect(mine.some((sql) => sql.startsWith(`INSERT INTO "temp"."main"."shared$${source}$`))).toBe(
        source === "Kept",
      );

      const prepared = preparedCount(storage);
      const two = (n: number) => [message(record("X", { a: `a${n}` })), message(record("X", { a: `c${n}` }))];
      const result = await intake(h).enqueueAll(source, "multijson", "M", [...two(1), ...two(2)]);
      expect(result.status).toBe("enqueued");
      await intake(h).idle();
      expect(preparedCount(storage)).toBe(prepared);
      expect(await queryRows(h.admin, `${source}A | order by a asc`)).toEqual([["a1"], ["a2"]]);
      expect(await queryRows(h.admin, `${source}C | order by a asc`)).toEqual([["c1"], ["c2"]]);
    });
  }
});
