/**
 * Loads Microsoft's Kusto.Language (the Bridge.NET build of `@kusto/language-service-next`) once per process.
 * The package registers globals instead of exporting modules. Shared by the local engine's parser adapter and the
 * server's reading of `.show database … schema as csl script`; never imported by browser code.
 */
import { createRequire } from "node:module";

/* eslint-disable @typescript-eslint/no-explicit-any -- Bridge.NET objects are untyped at this boundary. */
export interface KustoRuntime {
  readonly Kusto: any;
  readonly Bridge: any;
  readonly System: any;
}

const g = globalThis as unknown as { __kustoRuntime?: KustoRuntime };

/** The parser's globals, loaded on first use (about 0.2 s). */
export function kustoRuntime(): KustoRuntime {
  if (!g.__kustoRuntime) {
    const req = createRequire(import.meta.url);
    req("@kusto/language-service-next/bridge.min.js");
    req("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
    const anyGlobal = globalThis as any;
    g.__kustoRuntime = { Kusto: anyGlobal.Kusto, Bridge: anyGlobal.Bridge, System: anyGlobal.System };
  }
  return g.__kustoRuntime;
}
