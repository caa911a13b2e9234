import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "public/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Browser code reaches data only through our route handlers (STYLE §3).
    files: ["components/**/*.{ts,tsx}", "app/**/*.tsx", "lib/api/**", "lib/queries/**", "lib/auth/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/lib/server/*", "@/local/*", "**/lib/server/*", "**/local/*"] }],
    },
  },
];

export default config;
