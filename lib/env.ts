import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/** All configuration, validated once. Connected mode when KUSTO_CLUSTER_URL is set, local mode otherwise. */
export const env = createEnv({
  server: {
    KUSTO_CLUSTER_URL: z.url().optional(),
    KUSTO_DATABASE: z.string().min(1).default("Defender"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

export const mode: "connected" | "local" = env.KUSTO_CLUSTER_URL ? "connected" : "local";
