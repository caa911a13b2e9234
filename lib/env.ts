import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * All configuration of the console, validated once with zod. next.config.ts imports this module, so a bad value
 * fails `next build` and `next start` with one readable message instead of a surprise at the first request.
 * Parsing is pure (no network), so importing it at build time is safe.
 */

/** ADX entity names (databases, tables): letters, digits, `_`, space, `.`, `-`; at most 1024 characters. */
export const entityNameSchema = z
  .string()
  .max(1024, "must be at most 1024 characters")
  .regex(/^[\p{L}\p{N}_ .-]+$/u, "may contain only letters, digits, '_', ' ', '.' and '-'")
  .refine((name) => name.trim().length > 0, "must not be blank");

/**
 * Entra authority hosts of the Microsoft clouds (public, US Government, China). Connected mode accepts only these:
 * the local identity provider must never be trusted in production by accident (DESIGN "Two modes").
 */
export const MICROSOFT_AUTHORITY_HOSTS = [
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
] as const;

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { error: "must be one of 1, 0, true, false, yes, no" })
  .transform((value) => value === "1" || value === "true" || value === "yes");

const server = {
  KUSTO_CLUSTER_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  KUSTO_DATABASE: entityNameSchema.default("Defender"),
  KUSTO_STAGING_TABLE: entityNameSchema.default("Staging"),
  // Tenant ids go into the authority URL path: a GUID or a domain such as contoso.onmicrosoft.com, nothing else.
  ENTRA_TENANT_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be a tenant GUID or a domain name")
    .optional(),
  ENTRA_API_CLIENT_ID: z.guid("must be a GUID (the API app registration's Application (client) ID)").optional(),
  ENTRA_API_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_SPA_CLIENT_ID: z.guid("must be a GUID (the SPA app registration's Application (client) ID)").optional(),
  ENTRA_AUTHORITY_HOST: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  LOCAL_MODE: booleanFlag.default(false),
  // Local mode only: where the local identity provider and the local engine listen.
  LOCAL_ENTRA_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://127.0.0.1:4080"),
  LOCAL_ADX_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://127.0.0.1:8080"),
};

type RawEnv = Record<string, string | undefined>;

/** Which backends the console talks to: real ADX + Entra ID, or the local stand-ins. */
export type Mode = "connected" | "local";

function modeOf(values: { KUSTO_CLUSTER_URL?: string | undefined; LOCAL_MODE: boolean }): Mode {
  // An explicit LOCAL_MODE wins: the local services also get a cluster URL (the local engine's).
  return !values.LOCAL_MODE && values.KUSTO_CLUSTER_URL ? "connected" : "local";
}

function formatIssues(issues: readonly { message: string; path?: readonly unknown[] | undefined }[]): string {
  const lines = issues.map((issue) => {
    const key = (issue.path ?? [])
      .map((part) => (typeof part === "object" && part !== null && "key" in part ? String(part.key) : String(part)))
      .join(".");
    return `  - ${key || "(environment)"}: ${issue.message}`;
  });
  return `Invalid environment variables (see .env.example):\n${lines.join("\n")}`;
}

/**
 * Parses configuration from `source` (normally `process.env`). Throws an Error whose message lists every bad
 * variable. Exported for tests; the app uses {@link env}.
 */
export function parseEnv(source: RawEnv) {
  const runtimeEnv = Object.fromEntries(Object.keys(server).map((key) => [key, source[key]])) as Record<
    keyof typeof server,
    string | undefined
  >;
  return createEnv({
    server,
    runtimeEnv,
    // Vitest and scripts run without `window`; the console reads env only on the server anyway.
    isServer: true,
    emptyStringAsUndefined: true,
    // The shape handed in equals `server` (there are no client variables); using `server` keeps its types.
    createFinalSchema: () =>
      z
        .object(server)
        .superRefine((values, ctx) => {
          if (modeOf(values) !== "connected") return;
          const because = "required in connected mode (KUSTO_CLUSTER_URL is set and LOCAL_MODE is not)";
          for (const key of [
            "ENTRA_TENANT_ID",
            "ENTRA_SPA_CLIENT_ID",
            "ENTRA_API_CLIENT_ID",
            "ENTRA_API_CLIENT_SECRET",
          ] as const) {
            if (!values[key]) ctx.addIssue({ code: "custom", path: [key], message: because });
          }
          if (values.KUSTO_CLUSTER_URL && new URL(values.KUSTO_CLUSTER_URL).protocol !== "https:") {
            ctx.addIssue({
              code: "custom",
              path: ["KUSTO_CLUSTER_URL"],
              message: "must use https in connected mode (set LOCAL_MODE=1 for a local engine)",
            });
          }
          if (values.ENTRA_AUTHORITY_HOST) {
            const url = new URL(values.ENTRA_AUTHORITY_HOST);
            const known = (MICROSOFT_AUTHORITY_HOSTS as readonly string[]).includes(url.hostname);
            if (url.protocol !== "https:" || !known) {
              ctx.addIssue({
                code: "custom",
                path: ["ENTRA_AUTHORITY_HOST"],
                message: `must be https://${MICROSOFT_AUTHORITY_HOSTS.join(" or https://")} in connected mode; a non-Microsoft authority needs LOCAL_MODE=1`,
              });
            }
          }
        })
        .transform((values) => ({
          ...values,
          ENTRA_AUTHORITY_HOST: values.ENTRA_AUTHORITY_HOST ?? "https://login.microsoftonline.com",
          mode: modeOf(values),
        })),
    onValidationError: (issues) => {
      throw new Error(formatIssues(issues));
    },
  });
}

/** The validated configuration. Server-only values: never pass them to client components. */
export const env = parseEnv(process.env);

/** "connected" when KUSTO_CLUSTER_URL is set and LOCAL_MODE is not; "local" otherwise. */
export const mode: Mode = env.mode;

/** Host name of the configured cluster, for display (never the full URL with any query string). */
export function clusterHost(config: { KUSTO_CLUSTER_URL?: string | undefined } = env): string | undefined {
  return config.KUSTO_CLUSTER_URL ? new URL(config.KUSTO_CLUSTER_URL).host : undefined;
}
