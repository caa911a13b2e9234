"use client";

import dynamic from "next/dynamic";
import { useCallback, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { saveFile } from "@/hooks/save-file";
import { useCopyToClipboard } from "@/hooks/use-copy-to-clipboard";
import styles from "./kql.module.css";

// Monaco only in the browser, only on pages that render a viewer, fetched from /monaco/vs when first needed.
const MonacoKql = dynamic(() => import("./monaco-kql"), { ssr: false, loading: () => null });

export interface KqlViewerProps {
  /** Shown above the code and used as its accessible name. */
  title: string;
  text: string;
  /** Name of the downloaded file, e.g. `FilterDeviceInfo.kql`. */
  fileName: string;
}

/**
 * Read-only KQL with syntax highlighting (monaco-kusto), a copy and a download button. The `<pre>` holds the same
 * text: visible while Monaco loads (or if it cannot), and always the version screen readers read.
 */
export function KqlViewer({ title, text, fileName }: KqlViewerProps) {
  const titleId = useId();
  const [editor, setEditor] = useState<"loading" | "ready" | "failed">("loading");
  const { state: copyState, copy } = useCopyToClipboard();
  const onReady = useCallback(() => setEditor("ready"), []);
  const onFail = useCallback(() => setEditor("failed"), []);

  return (
    <figure className={styles.viewer} aria-labelledby={titleId}>
      <figcaption className={styles.toolbar}>
        <span id={titleId} className={styles.title}>
          {title}
        </span>
        <span className={styles.actions}>
          <Button size="sm" variant="ghost" icon={copyState === "copied" ? "check" : "copy"} onClick={() => copy(text)}>
            {copyState === "copied" ? "Copied" : copyState === "failed" ? "Copy failed" : "Copy"}
            <span className={styles.srOnly}> {title}</span>
          </Button>
          <Button size="sm" variant="ghost" icon="download" onClick={() => saveFile(text, fileName)}>
            Download<span className={styles.srOnly}> {fileName}</span>
          </Button>
        </span>
      </figcaption>
      <span className={styles.srOnly} role="status">
        {copyState === "copied" ? `${title} copied to the clipboard` : copyState === "failed" ? "Copy failed" : ""}
      </span>
      <pre className={editor === "ready" ? styles.srOnly : styles.pre} data-testid="kql-text">
        <code>{text}</code>
      </pre>
      {editor !== "failed" ? <MonacoKql text={text} label={title} onReady={onReady} onFail={onFail} /> : null}
    </figure>
  );
}
