"use client";

import { loader, type Monaco } from "@monaco-editor/react";

/** Where `npm run monaco:copy` puts the AMD files (public/monaco): same origin, never a CDN. */
export const MONACO_VS_PATH = "/monaco/vs";

type AmdRequire = (deps: string[], onLoad: () => void, onError: (error: unknown) => void) => void;

let ready: Promise<Monaco> | undefined;

/**
 * Loads Monaco and monaco-kusto once per page: the loader from /monaco/vs, then the Kusto contribution (language,
 * themes, worker). The editor is created only after this resolves, so its model starts as "kusto", not plain text.
 */
export function loadMonacoKusto(): Promise<Monaco> {
  ready ??= (async () => {
    loader.config({ paths: { vs: MONACO_VS_PATH } });
    const monaco = await loader.init();
    const amdRequire = (window as unknown as { require?: AmdRequire }).require;
    if (!amdRequire) throw new Error("The Monaco AMD loader did not start");
    await new Promise<void>((resolve, reject) =>
      amdRequire(["vs/language/kusto/monaco.contribution"], resolve, reject),
    );
    const kusto = (monaco.languages as unknown as { kusto?: KustoApi }).kusto;
    // Read-only viewer: colours, no completion pop-ups or hover cards that would only get in the way.
    kusto?.kustoDefaults.setLanguageSettings({
      ...kusto.kustoDefaults.languageSettings,
      includeControlCommands: true,
      // Monarch colours at once on the main thread; the worker refines them once it has a schema (see below).
      useTokenColorization: true,
      useSemanticColorization: true,
      enableHover: false,
    });
    return monaco;
  })().catch((error: unknown) => {
    ready = undefined; // let a later mount try again
    throw error;
  });
  return ready;
}

/**
 * monaco-kusto's worker colours (and checks) text only once it has a schema. The viewer has no cluster schema to
 * give (it shows control commands), so an empty engine schema switches the semantic colouring on.
 */
export async function startKustoColouring(monaco: Monaco, modelUri: unknown): Promise<void> {
  const kusto = (monaco.languages as unknown as { kusto?: KustoApi }).kusto;
  if (!kusto) return;
  const worker = await (await kusto.getKustoWorker())(modelUri);
  await worker.setSchema({
    clusterType: "Engine",
    cluster: { connectionString: "", databases: [] },
    database: undefined,
  });
}

interface KustoApi {
  getKustoWorker(): Promise<(uri: unknown) => Promise<{ setSchema(schema: unknown): Promise<void> }>>;
  kustoDefaults: {
    languageSettings: Record<string, unknown>;
    setLanguageSettings(settings: Record<string, unknown>): void;
  };
}
