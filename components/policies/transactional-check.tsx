import { ScrollX } from "@/components/ui/scroll-x";
import type { PoliciesView } from "@/lib/schemas/policies";
import styles from "./policies.module.css";

/**
 * With 0 retention Staging keeps nothing, so every update policy reading it must be transactional (ADX requires
 * it, and otherwise a failing update policy would drop the data). Lists them and flags the ones that are not.
 */
export function TransactionalCheck({ view }: { view: PoliciesView }) {
  const policies = view.updatePolicies;
  if (policies.length === 0)
    return <p>No update policy reads {view.stagingTable} yet: enable tables on the Tables page.</p>;
  const bad = policies.filter((p) => !p.isTransactional);
  return (
    <>
      <p className={bad.length ? styles.warn : styles.ok}>
        {bad.length === 0
          ? `✓ All ${policies.length} update policies reading ${view.stagingTable} are transactional.`
          : `⚠ ${bad.length} of ${policies.length} update policies reading ${view.stagingTable} are not transactional: with 0 retention their data can be lost when they fail.`}
      </p>
      <ScrollX className={styles.tableWrap} label="Update policies reading Staging">
        <table className={styles.table} aria-label={`Update policies reading ${view.stagingTable}`}>
          <thead>
            <tr>
              <th scope="col">Target table</th>
              <th scope="col">Query</th>
              <th scope="col">Transactional</th>
              <th scope="col">Enabled</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={`${p.table}-${p.query}`}>
                <th scope="row">{p.table}</th>
                <td className={styles.call}>{p.query}</td>
                <td>{p.isTransactional ? "✓ Yes" : "⚠ No — must be transactional"}</td>
                <td>{p.isEnabled ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </>
  );
}
