import type { NextConfig } from "next";
// Validates the environment at build and start: lib/env.ts throws on bad values.
import "./lib/env";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: [
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "@kusto/language-service-next",
    "azure-kusto-data",
    "azure-kusto-ingest",
  ],
};

export default nextConfig;
