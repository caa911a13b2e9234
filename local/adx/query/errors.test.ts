import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, type Harness } from "./__fixtures__/harness";
import { STAGING } from "./__fixtures__/seed";
import { QueryError } from "./index";

let h: Harness;
beforeAll(async () => {
  h = await createHarness([STAGING, { name: "Other", columns: [{ name: "Raw", type: "dynamic" }], rows: [] }]);
});
afterAll(() => h.close());

function errorOf(kql: string): QueryError {
  try {
    h.compile(kql);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`compiled without error: ${kql}`);
}

describe("query errors", () => {
  it("reports the first syntax diagnostic as BadRequest_SyntaxError with its position", () => {
    const e = errorOf("Staging | where Raw > ago(1d) | summarize count() by bin(Raw, 1h");
    expect(e.kustoCode).toBe("BadRequest_SyntaxError");
    expect(e.code).toMatch(/^KS/);
    expect(e.start).toBeGreaterThan(0);
  });

  it("reports semantic diagnostics as General_BadRequest", () => {
    const e = errorOf("Staging | project Foo");
    expect(e).toMatchObject({ code: "KS142", kustoCode: "General_BadRequest", start: 18, length: 3 });
    expect(e.message).toContain("'Foo'");
  });

  it("refuses operators outside the subset with a Kusto-style message, never a different answer", () => {
    const e = errorOf("Staging | join kind=inner (Other) on Raw");
    expect(e.message).toBe("Operator 'join' is not supported by the local engine");
    expect(e.code).toBe("LQ001");
    expect(errorOf("Staging | make-series count() on ingestion_time() step 1h").message).toBe(
      "Operator 'make-series' is not supported by the local engine",
    );
  });

  it("refuses unsupported functions by name", () => {
    const e = errorOf("Staging | extend h = hash_sha256(tostring(Raw))");
    expect(e.message).toBe("Function 'hash_sha256' is not supported by the local engine");
    expect(e.code).toBe("LQ002");
  });
});
