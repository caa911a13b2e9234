/** CLI: `npm run local-adx` — starts the engine from `LOCAL_ADX_*` variables and stops cleanly on SIGINT/SIGTERM. */
import { optionsFromEnv } from "./config";
import { startEngine } from "./engine";

try {
  const engine = await startEngine(optionsFromEnv());
  const stop = () => {
    engine.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`local-adx: ${(error as Error).message}`);
  process.exit(1);
}
