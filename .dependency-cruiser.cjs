// The layers of lib/ (lib/README.md), held by `npm run deps:check`.
// Each layer imports only from the layers below it: edges → adapters → domains → kernel.
// The kernel is every part of lib/ that is neither a domain nor an adapter (as in
// scripts/deps/measure.ts), so a new folder is held to the kernel's rule until it is listed.
const DOMAINS =
  "^lib/(purchases|subscriptions|access|commissions|offerings|discounts|users|referrals|communities|settings|auth)/";
const ADAPTERS = "^lib/(payments|notifications|admin|demo-provider|health|scheduler)/";
const EDGES = "^(app|components)/";
const KERNEL = { path: "^lib/", pathNot: [DOMAINS, ADAPTERS] };
// The files at the root of lib/ (db, env, errors, logger, ...) are the bottom of the kernel.
const KERNEL_BASE = "^lib/[^/]+\\.ts$";

// Imports that still point up are listed one by one in .dependency-cruiser-known-violations.json
// (`npm run deps:baseline` rewrites it); `deps:check` ignores exactly those and fails on any new one.
// Run the baseline only after removing violations, never to accept a new one.

module.exports = {
  forbidden: [
    {
      name: "kernel-imports-up",
      comment: "Kernel modules (events, stripe, audit, http, db, env, ...) import only the kernel.",
      severity: "error",
      from: KERNEL,
      to: { path: [DOMAINS, ADAPTERS, EDGES] },
    },
    {
      name: "kernel-base-imports-folders",
      comment:
        "The root files of lib/ (db, env, errors, logger, ...) import no folder of lib/ but the " +
        "generated Prisma client: every folder may import them, so they import none back.",
      severity: "error",
      from: { path: KERNEL_BASE },
      to: { path: "^lib/[^/]+/", pathNot: "^lib/generated/" },
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
    {
      name: "no-folder-circles",
      comment:
        "No two folders of lib/ import each other, directly or around a circle: a piece both " +
        "need goes down into the folder below them both. (A folder and its own subfolders are " +
        "one folder here; scripts/deps/measure.ts counts those pairs too.)",
      severity: "error",
      scope: "folder",
      from: { path: "^lib/" },
      to: { circular: true },
    },
    {
      name: "no-module-circles",
      comment: "No module of lib/ imports itself back through others.",
      severity: "error",
      from: { path: "^lib/" },
      to: { circular: true },
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
