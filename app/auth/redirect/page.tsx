"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import styles from "@/components/auth/auth.module.css";

/**
 * MSAL v5's redirect bridge (platform-notes §4.5): the redirect URI of the SPA registration. It hands the
 * authorization response to the page that started the sign-in (popup/silent: BroadcastChannel; redirect: back to
 * the original URL). It must not render MsalProvider, so it lives outside the layout that adds <Providers>.
 */
export default function AuthRedirectPage() {
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    import("@azure/msal-browser/redirect-bridge")
      .then((bridge) => bridge.broadcastResponseToMainFrame())
      .catch(() => setFailed(true));
  }, []);

  return (
    <main id="main" className={styles.screen}>
      {failed ? (
        <p role="alert">
          This page completes a sign-in and was opened without one. <Link href="/">Go to the console</Link>.
        </p>
      ) : (
        <p role="status">Signing in…</p>
      )}
    </main>
  );
}
