import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Defender ADX Console", default: "Defender ADX Console" },
  description: "Set up and watch the streaming of Microsoft Defender XDR tables into Azure Data Explorer.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        {/* tabIndex lets the skip link move focus, not just scroll, in every browser. */}
        <main id="main" tabIndex={-1} className="main">
          {children}
        </main>
      </body>
    </html>
  );
}
