import { parseCommand } from "./commands/parsed-command";
import { ensureQueryFunctions } from "./query";
import { globalsFor } from "./commands/context";
import { type EngineOptions, isLoopback } from "./config";
import { Authenticator } from "./rest/auth";
import { buildServer } from "./rest/server";
import { Storage } from "./storage/storage";

/** A running engine. */
export interface RunningEngine {
  /** Base URL, e.g. `http://127.0.0.1:8080` (also the token audience). */
  readonly url: string;
  /** The storage (for in-process callers such as the ingestion pipeline of part 2). */
  readonly storage: Storage;
  /** Stops listening, closes the DuckDB file and releases the data folder. */
  close(): Promise<void>;
}

/**
 * Starts the local ADX engine: opens (or creates) the data folder, warms up Microsoft's parser and listens.
 * Refuses to start with auth off on a non-loopback address, or when another engine owns the folder.
 */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.auth.mode === "off") {
    if (!isLoopback(host)) {
      throw new Error(`LOCAL_ADX_AUTH=off is only allowed on a loopback address, not '${host}'.`);
    }
    log("local-adx: WARNING authentication is OFF (LOCAL_ADX_AUTH=off): every caller is treated as database admin.");
  }
  const database = options.database ?? "Defender";
  const storage = await Storage.open(options.dataDir, database);
  let url = "";
  try {
    // The first parse costs ~1.3 s; pay it before the first request.
    parseCommand(".show tables", globalsFor(storage));
    // Functions such as buildschema() live on the DuckDB instance: register them before any update policy runs
    // compiled SQL directly (without going through executeCompiled).
    ensureQueryFunctions(storage.db.connection);
    const authenticator = new Authenticator(options.auth, () => [url, `${url}/`]);
    const app = buildServer({ storage, authenticator, database, principals: options.auth.principals, log });
    await app.listen({ host, port: options.port ?? 8080 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : options.port;
    url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    log(`local-adx: listening on ${url}, database '${database}', data in ${storage.db.file}`);
    let closed = false;
    return {
      url,
      storage,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
