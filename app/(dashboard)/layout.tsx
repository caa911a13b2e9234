import type { ReactNode } from "react";
import { AuthRoot } from "@/components/auth/auth-root";
import { SiteHeader } from "@/components/shell/site-header";

/** Every dashboard page: signed-in users only (the gate shows the sign-in screen otherwise), header, main. */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <AuthRoot>
      <SiteHeader />
      {/* tabIndex lets the skip link move focus, not just scroll, in every browser. */}
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </AuthRoot>
  );
}
