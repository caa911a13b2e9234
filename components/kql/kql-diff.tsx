"use client";

import { useState } from "react";
import { diffLines, diffStats, foldUnchanged, type DiffLine } from "./line-diff";
import styles from "./kql.module.css";

/**
 * What the cluster holds (−) against what the console generates (+), line by line. Each line says in words whether
 * it was removed or added (for screen readers), besides its colour and sign.
 */
export function KqlDiff({ title, cluster, generated }: { title: string; cluster: string; generated: string }) {
  const lines = diffLines(cluster, generated);
  const { added, removed } = diffStats(lines);
  // Indexes of the folds the user opened.
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  return (
    <figure className={styles.diff}>
      <figcaption className={styles.toolbar}>
        <span className={styles.title}>{title}</span>
        <span className={styles.diffStats}>
          <span className={styles.removedCount}>−{removed} in the cluster</span>
          <span className={styles.addedCount}>+{added} generated</span>
        </span>
      </figcaption>
      <div
        className={styles.diffBody}
        role="list"
        // Focusable so keyboard users can scroll long lines sideways.
        tabIndex={0}
        aria-label={`${title}: ${removed} lines only in the cluster, ${added} lines only generated`}
      >
        {foldUnchanged(lines).map((hunk, h) =>
          hunk.kind === "fold" && !open.has(h) ? (
            <div key={h} role="listitem" className={styles.fold}>
              <button type="button" className={styles.foldButton} onClick={() => setOpen(new Set(open).add(h))}>
                Show {hunk.lines.length} unchanged line{hunk.lines.length === 1 ? "" : "s"}
              </button>
            </div>
          ) : (
            hunk.lines.map((line) => <Line key={`${h}-${line.before}-${line.after}`} line={line} />)
          ),
        )}
      </div>
    </figure>
  );
}

function Line({ line }: { line: DiffLine }) {
  return (
    <div role="listitem" className={`${styles.diffLine} ${styles[line.kind]}`}>
      <span className={styles.lineNo} aria-hidden="true">
        {line.before ?? ""}
      </span>
      <span className={styles.lineNo} aria-hidden="true">
        {line.after ?? ""}
      </span>
      <span className={styles.sign} aria-hidden="true">
        {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
      </span>
      {line.kind !== "same" ? (
        <span className={styles.srOnly}>{line.kind === "added" ? "Generated only: " : "Cluster only: "}</span>
      ) : null}
      <code className={styles.code}>{line.text === "" ? " " : line.text}</code>
    </div>
  );
}
