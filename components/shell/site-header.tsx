import Link from "next/link";
import { AccountMenu } from "@/components/auth/account-menu";
import { ModeIndicator } from "./mode-indicator";
import { NavLinks, type NavItem } from "./nav-links";

export const PRIMARY_NAV: readonly NavItem[] = [
  { href: "/tables", label: "Tables" },
  { href: "/health", label: "Health" },
  { href: "/policies", label: "Policies" },
];

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/tables" className="brand">
          <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z" fill="currentColor" />
            <path
              d="M8 12.5 11 15l5-6"
              fill="none"
              stroke="#fff"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>Defender ADX Console</span>
        </Link>
        <nav aria-label="Primary" className="primary-nav">
          <NavLinks items={PRIMARY_NAV} />
        </nav>
        <div className="site-header-end">
          <ModeIndicator />
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}
