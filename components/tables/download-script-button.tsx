"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { saveFile } from "@/hooks/save-file";
import { fetchSetupScript } from "@/lib/queries/tables";
import styles from "./tables.module.css";

/** Downloads the whole setup script (what `npm run export-kql` prints) with the caller's token. */
export function DownloadScriptButton() {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  return (
    <span className={styles.downloadWrap}>
      <Button
        icon="download"
        busy={state.busy}
        onClick={async () => {
          setState({ busy: true });
          try {
            saveFile(await fetchSetupScript(), "defender-adx-setup.kql");
            setState({ busy: false });
          } catch (error) {
            setState({ busy: false, error: error instanceof Error ? error.message : "Download failed" });
          }
        }}
      >
        Download setup script
      </Button>
      {state.error ? (
        <span role="alert" className={styles.errorText}>
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
