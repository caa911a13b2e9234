import { connection } from "next/server";
import { clusterHost, mode } from "@/lib/env";

/**
 * Shows which backends this server talks to. Reads the environment per request (not at build time), so one build
 * serves both modes.
 */
export async function ModeIndicator() {
  await connection();
  const host = clusterHost();
  const connected = mode === "connected";
  return (
    <p className="mode" data-mode={mode} title={connected ? `Azure Data Explorer cluster ${host}` : undefined}>
      <span className="mode-dot" aria-hidden="true" />
      {connected ? `Connected: ${host}` : "Local mode"}
    </p>
  );
}
