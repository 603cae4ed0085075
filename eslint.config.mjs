import next from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTypescript,
  {
    ignores: [
      "**/.next/**",
      ".data/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    // The Stripe sandbox is a development and test tool: only the launcher (scripts/) and the
    // tests start it. App code talks to it, as to Stripe, through the SDK only.
    files: ["app/**", "lib/**", "components/**", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@offerings/stripe-sandbox", "@offerings/stripe-sandbox/*"],
              message: "App code must not import the Stripe sandbox; only scripts/ and tests may.",
            },
            {
              group: ["**/packages/**", "@/packages/**"],
              message: "App code must not import workspace packages by path.",
            },
            {
              group: ["**/tooling/**", "**/tests/**"],
              message: "App code must not import the test and benchmark tooling or the tests.",
            },
          ],
        },
      ],
    },
  },
  {
    // tooling/ serves both the tests and the benchmarks (tooling/README.md), which import it and
    // never each other.
    files: ["tooling/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/tests/**", "**/scripts/bench/**"],
              message: "tooling/ is imported by the tests and the benchmarks, not the reverse.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/scripts/bench/**"],
              message: "Tests take what they share with the benchmarks from tooling/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/tests/**"],
              message: "Scripts and benchmarks take what they share with the tests from tooling/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
