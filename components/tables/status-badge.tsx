import { Badge } from "@/components/ui/badge";
import type { TableStatusKind } from "@/kql/status";
import { STATUS_META } from "./status-meta";

/** A table's status as icon + words (never colour alone). */
export function StatusBadge({ status }: { status: TableStatusKind }) {
  const meta = STATUS_META[status];
  return (
    <Badge tone={meta.tone} icon={meta.icon}>
      {meta.label}
    </Badge>
  );
}
