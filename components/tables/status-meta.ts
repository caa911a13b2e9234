import type { TableFamily } from "@/kql/catalog";
import type { TableStatusKind } from "@/kql/status";
import type { BadgeTone } from "@/components/ui/badge";
import type { IconName } from "@/components/ui/icon";

/** How each table status reads on screen: words first, then an icon and a tone that only repeat them. */
export const STATUS_META: Record<TableStatusKind, { label: string; icon: IconName; tone: BadgeTone; hint: string }> = {
  "not-set-up": {
    label: "Not set up",
    icon: "circle-dashed",
    tone: "neutral",
    hint: "No function, table or update policy yet",
  },
  partial: { label: "Partial", icon: "half-circle", tone: "warning", hint: "Some parts are missing" },
  drifted: {
    label: "Drifted",
    icon: "warning",
    tone: "attention",
    hint: "A part differs from what the console generates",
  },
  waiting: { label: "Waiting for data", icon: "clock", tone: "info", hint: "Configured, no rows in the last hour" },
  healthy: { label: "Healthy", icon: "check-circle", tone: "success", hint: "Rows arrived in the last hour" },
  stale: {
    label: "Stale",
    icon: "pause",
    tone: "warning",
    hint: "No rows for a while although other tables receive data",
  },
  failing: { label: "Failing", icon: "x-circle", tone: "danger", hint: "Recent ingestion failures" },
};

/** Family names as the checklist headings show them. */
export const FAMILY_LABEL: Record<TableFamily, string> = {
  Device: "Device",
  Alerts: "Alerts",
  Email: "Email",
  Identity: "Identity",
  CloudApps: "Cloud apps",
  Preview: "Preview",
};

/** Parts of a table's setup, as the checklist columns name them. */
export const PART_LABEL = { function: "Function", table: "Table", updatePolicy: "Update policy" } as const;
export type PartKey = keyof typeof PART_LABEL;
