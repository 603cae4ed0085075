// The layers of lib/ (lib/README.md), held by `npm run deps:check`.
// Each layer imports only from the layers below it: edges → adapters → domains → kernel.
const KERNEL = "^lib/(events|stripe|audit|http|observability|security|generated)/|^lib/[^/]+\\.ts$";
const DOMAINS =
  "^lib/(purchases|subscriptions|access|commissions|offerings|users|referrals|communities|settings|auth)/";
const ADAPTERS = "^lib/(payments|admin|demo-provider|health|scheduler)/";
const EDGES = "^(app|components)/";

// Imports that still point up are listed one by one in .dependency-cruiser-known-violations.json
// (`npm run deps:baseline` rewrites it); `deps:check` ignores exactly those and fails on any new one.
// Run the baseline only after removing violations, never to accept a new one.

module.exports = {
  forbidden: [
    {
      name: "kernel-imports-up",
      comment: "Kernel modules (events, stripe, audit, http, db, env, ...) import only the kernel.",
      severity: "error",
      from: { path: KERNEL },
      to: { path: [DOMAINS, ADAPTERS, EDGES] },
    },
    {
      name: "domain-imports-up",
      comment:
        "A domain imports other domains and the kernel, never a provider adapter or an edge.",
      severity: "error",
      from: { path: DOMAINS },
      to: { path: [ADAPTERS, EDGES] },
    },
    {
      name: "lib-imports-edges",
      comment: "Nothing in lib/ imports app/ or components/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: EDGES },
    },
    // Inside lib/payments/ (adapters), folders import only downward: no circles between them.
    {
      name: "payments-folders-import-down",
      comment:
        "A file in a folder under lib/payments/ imports, from lib/payments/, only its own folder and those below it: never a parent (stripe/events -> stripe, external/formats -> external, stripe -> lib/payments) nor a sibling (stripe <-> external). Shared pieces go down (lib/events, lib/stripe, or the lower folder).",
      severity: "error",
      from: { path: "^(lib/payments/.+)/[^/]+$" },
      to: { path: "^lib/payments/", pathNot: "^$1/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
