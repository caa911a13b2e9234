import type { SVGProps } from "react";

/** Small stroke icons (24×24 grid). Decorative: the text next to them carries the meaning. */
const PATHS = {
  check: "M5 12.5 10 17.5 19 7",
  cross: "M6 6l12 12M18 6 6 18",
  "check-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM8 12.5l2.7 2.7L16 9.8",
  "x-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM9 9l6 6M15 9l-6 6",
  "circle-dashed":
    "M10.1 3.2a9 9 0 0 1 3.8 0M17.3 4.8a9 9 0 0 1 1.9 1.9M20.8 10.1a9 9 0 0 1 0 3.8M19.2 17.3a9 9 0 0 1-1.9 1.9M13.9 20.8a9 9 0 0 1-3.8 0M6.7 19.2a9 9 0 0 1-1.9-1.9M3.2 13.9a9 9 0 0 1 0-3.8M4.8 6.7a9 9 0 0 1 1.9-1.9",
  "half-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 3v18",
  warning: "M12 3.5 2.5 20h19L12 3.5ZM12 10v4.5M12 17.5v.01",
  clock: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 7v5l3 2",
  pause: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM10 9v6M14 9v6",
  info: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 11v5M12 8v.01",
  copy: "M9 9h10v11H9zM5 15V4h10",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
  play: "M7 4.5v15l12-7.5-12-7.5Z",
  minus: "M6 12h12",
  "arrow-left": "M19 12H5M11 6l-6 6 6 6",
  external: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
  refresh: "M20 11a8 8 0 0 0-14.7-4M4 4v4h4M4 13a8 8 0 0 0 14.7 4M20 20v-4h-4",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, ...rest }: { name: IconName; size?: number } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
