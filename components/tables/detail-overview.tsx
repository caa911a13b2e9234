import { Card } from "@/components/ui/card";
import { formatCount, formatRelative, formatUtc } from "@/lib/format";
import type { TableDetailResponse } from "@/lib/schemas/table-responses";
import { PartTick } from "./part-tick";
import { StatusBadge } from "./status-badge";
import { FAMILY_LABEL, PART_LABEL, STATUS_META } from "./status-meta";
import styles from "./tables.module.css";

const when = (iso: string | null, now: Date) =>
  iso ? (
    <time dateTime={iso} title={formatUtc(new Date(iso))}>
      {formatRelative(new Date(iso), now)}
    </time>
  ) : (
    "Never"
  );

/** The table's status at a glance: badge, why, parts, rows and last event, and the catalog notes. */
export function DetailOverview({ detail }: { detail: TableDetailResponse }) {
  const { status, table } = detail;
  const now = new Date(detail.readAt);
  return (
    <Card className={styles.overview} aria-labelledby="overview-title">
      <div className={styles.cardHead}>
        <div className={styles.cardHeadMain}>
          <h2 id="overview-title" className={styles.cardTitle}>
            Status
          </h2>
          <p className={styles.cardLead}>
            {FAMILY_LABEL[table.family]} family{table.preview ? " · preview (not officially streamable yet)" : ""} ·{" "}
            <a href={table.docsUrl} target="_blank" rel="noreferrer">
              Schema on Microsoft Learn<span className={styles.srOnly}> (opens in a new tab)</span>
            </a>
          </p>
        </div>
        <div className={styles.cardHeadEnd}>
          <StatusBadge status={status.status} />
        </div>
      </div>
      <p className={styles.statusHint}>{STATUS_META[status.status].hint}.</p>
      {status.reasons.length > 0 ? (
        <ul className={styles.reasons} aria-label="Why">
          {status.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <dl className={styles.facts}>
        {(Object.keys(PART_LABEL) as (keyof typeof PART_LABEL)[]).map((part) => (
          <div key={part}>
            <dt>{PART_LABEL[part]}</dt>
            <dd>
              <PartTick state={status.parts[part]} label={PART_LABEL[part]} />
            </dd>
          </div>
        ))}
        <div>
          <dt>Rows (last hour)</dt>
          <dd>{formatCount(status.rowsLastHour)}</dd>
        </div>
        <div>
          <dt>Last event</dt>
          <dd>{when(status.lastEventTime, now)}</dd>
        </div>
        <div>
          <dt>Last ingestion</dt>
          <dd>{when(status.lastIngestion, now)}</dd>
        </div>
        {status.recentFailures > 0 ? (
          <div>
            <dt>Recent failures</dt>
            <dd>{formatCount(status.recentFailures)}</dd>
          </div>
        ) : null}
      </dl>
      {[...status.notes, ...table.notes, ...detail.warnings].length > 0 ? (
        <ul className={styles.notes} aria-label="Notes">
          {[...status.notes, ...table.notes, ...detail.warnings].map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
