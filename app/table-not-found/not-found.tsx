import { TableNotFoundContent } from "@/components/shell/table-not-found";
import { tableNames } from "@/kql/catalog";

export default function TableNotFound() {
  return (
    <main id="main" tabIndex={-1} className="main">
      <TableNotFoundContent tableCount={tableNames.length} />
    </main>
  );
}
