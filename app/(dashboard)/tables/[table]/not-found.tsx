import { TableNotFoundContent } from "@/components/shell/table-not-found";
import { tableNames } from "@/kql/catalog";

export default function TableNotFound() {
  return <TableNotFoundContent tableCount={tableNames.length} />;
}
