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
          ],
        },
      ],
    },
  },
];

export default config;
