import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Build output, generated files and copied vendor assets (public/monaco) are not ours to lint.
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "public/**",
      "bench/out/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "blob-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // Keep the usual escape hatch: a leading underscore marks a binding as deliberately unused (an omitted rest
    // sibling, a callback parameter required by a signature).
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Browser code reaches data only through our route handlers (STYLE §3).
    files: ["components/**/*.{ts,tsx}", "app/**/*.tsx", "lib/api/**", "lib/queries/**", "lib/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/lib/server/*", "@/local/*", "**/lib/server/*", "**/local/*"] },
      ],
    },
  },
];

export default config;
