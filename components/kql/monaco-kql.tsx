"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useState } from "react";
import { loadMonacoKusto, startKustoColouring } from "./load-monaco-kusto";
import styles from "./kql.module.css";

const LINE_HEIGHT = 19;
const MIN_HEIGHT = 3 * LINE_HEIGHT;

/**
 * Monaco with monaco-kusto, read-only, sized to its content (no inner scrollbar: the page scrolls) and wrapped,
 * so nothing is hidden. Loaded with next/dynamic (ssr: false) by KqlViewer, which keeps a `<pre>` of the same text
 * for screen readers: the editor is hidden from them and kept out of the tab order.
 */
export default function MonacoKql({
  text,
  label,
  onReady,
  onFail,
}: {
  text: string;
  label: string;
  onReady: () => void;
  onFail: () => void;
}) {
  const [loaded, setLoaded] = useState(false);
  const [height, setHeight] = useState(Math.max(MIN_HEIGHT, text.split("\n").length * LINE_HEIGHT + 16));

  useEffect(() => {
    let alive = true;
    loadMonacoKusto().then(
      () => alive && setLoaded(true),
      (error: unknown) => {
        console.warn("KQL viewer: Monaco could not be loaded; showing plain text.", error);
        if (alive) onFail();
      },
    );
    return () => {
      alive = false;
    };
  }, [onFail]);

  const onMount: OnMount = (editor, monaco) => {
    const fit = () => setHeight(Math.max(MIN_HEIGHT, editor.getContentHeight()));
    editor.onDidContentSizeChange(fit);
    fit();
    onReady();
    const model = editor.getModel();
    if (model)
      startKustoColouring(monaco, model.uri).catch((error: unknown) =>
        // Monarch colours stay; only the refinement is lost.
        console.warn("KQL viewer: the Kusto worker did not start.", error),
      );
  };

  if (!loaded) return null;
  return (
    <div className={styles.monaco} style={{ height }} aria-hidden="true">
      <Editor
        value={text}
        language="kusto"
        theme="kusto-light"
        onMount={onMount}
        loading={null}
        options={{
          readOnly: true,
          domReadOnly: true,
          // Out of the tab order: keyboard and screen-reader users read the <pre> twin; the copy button copies.
          tabIndex: -1,
          ariaLabel: label,
          minimap: { enabled: false },
          wordWrap: "on",
          wrappingIndent: "indent",
          scrollBeyondLastLine: false,
          scrollbar: { vertical: "hidden", handleMouseWheel: false, alwaysConsumeMouseWheel: false },
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          renderLineHighlight: "none",
          lineNumbersMinChars: 3,
          folding: false,
          contextmenu: false,
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          padding: { top: 8, bottom: 8 },
          automaticLayout: true,
          renderValidationDecorations: "off",
          occurrencesHighlight: "off",
          selectionHighlight: false,
          matchBrackets: "never",
          guides: { indentation: false },
        }}
      />
    </div>
  );
}
