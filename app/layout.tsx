import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Defender ADX Console", default: "Defender ADX Console" },
  description: "Set up and watch the streaming of Microsoft Defender XDR tables into Azure Data Explorer.",
};

// The root layout holds no providers: the sign-in redirect bridge (app/auth/redirect) must not run MsalProvider
// (platform-notes §4.5). The dashboard's own layout adds sign-in, the header and <main>.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
