import type { CatalogColumn } from "@/kql/catalog";
import type { EventContext } from "../event-context";
import { processColumn } from "./process-columns";
import { alertRules } from "./rules-alert";
import { cloudRules } from "./rules-cloud";
import { deviceRules } from "./rules-device";
import { deviceInfoRules } from "./rules-device-info";
import { emailRules } from "./rules-email";
import { genericRules } from "./rules-generic";
import { identityRules } from "./rules-identity";
import type { ColumnRule, GenValue } from "./types";

// Later tables win on a name clash; table-qualified keys (`Table.Column`) win over plain names anyway.
const RULES: Readonly<Record<string, ColumnRule>> = {
  ...genericRules,
  ...deviceRules,
  ...deviceInfoRules,
  ...identityRules,
  ...emailRules,
  ...alertRules,
  ...cloudRules,
};

/** The rule that gives a column its meaning in a table, or undefined when only its type is known. */
export function findRule(table: string, column: string): ColumnRule | undefined {
  const qualified = RULES[`${table}.${column}`];
  if (qualified) return qualified;
  const plain = RULES[column];
  if (plain) return plain;
  return undefined;
}

/** Raw (not yet type-conformed) value of one column for this event; undefined when no rule knows the column. */
export function resolveColumn(ctx: EventContext, column: CatalogColumn): GenValue | undefined {
  const rule = findRule(ctx.table.name, column.name);
  if (rule) return rule(ctx, column);
  return processColumn(ctx, column.name);
}
