"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { Card } from "@/components/ui/card";
import { KqlViewer } from "@/components/kql/kql-viewer";
import type { TableDetailResponse } from "@/lib/schemas/table-responses";
import styles from "./tables.module.css";

type Tab = { id: string; label: string; title: string; text: string; fileName: string };

/**
 * The three generated commands in tabs (ARIA tabs pattern: arrow keys move between tabs), one KQL viewer at a time
 * so only one Monaco editor exists on the page.
 */
export function GeneratedKql({ detail }: { detail: TableDetailResponse }) {
  const { generated, table } = detail;
  const tabs: Tab[] = [
    {
      id: "function",
      label: "Function",
      title: `${generated.functionName}()`,
      text: generated.functionCommand,
      fileName: `${generated.functionName}.kql`,
    },
    {
      id: "table",
      label: "Table",
      title: table.name,
      text: generated.tableCommand,
      fileName: `${table.name}.table.kql`,
    },
    {
      id: "update-policy",
      label: "Update policy",
      title: `${table.name} update policy`,
      text: generated.updatePolicyCommand,
      fileName: `${table.name}.update-policy.kql`,
    },
  ];
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent) => {
    const last = tabs.length - 1;
    const next =
      event.key === "ArrowRight"
        ? active === last
          ? 0
          : active + 1
        : event.key === "ArrowLeft"
          ? active === 0
            ? last
            : active - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  };
  const tab = tabs[active]!;
  return (
    <Card className={styles.panel} aria-labelledby="generated-title">
      <h2 id="generated-title" className={styles.cardTitle}>
        Generated KQL
      </h2>
      <p className={styles.cardLead}>The commands the console runs for this table, ready to copy into ADX.</p>
      <div role="tablist" aria-label="Generated commands" className={styles.tabs} onKeyDown={onKeyDown}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={i === active}
            aria-controls={`panel-${t.id}`}
            tabIndex={i === active ? 0 : -1}
            className={styles.tab}
            onClick={() => setActive(i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} className={styles.tabPanel}>
        <KqlViewer key={tab.id} title={tab.title} text={tab.text} fileName={tab.fileName} />
      </div>
    </Card>
  );
}
