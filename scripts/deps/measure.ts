// Import-graph figures for lib/ at folder level: imports between folders, imports pointing up
// (against the layers in lib/README.md), pairs of folders importing each other, and circles.
// Usage: npm run deps:measure [-- --json]
import { spawnSync } from "node:child_process";
import path from "node:path";

type Module = { source: string; dependencies: { resolved: string; circular?: boolean }[] };

const LAYERS: [RegExp, number, string][] = [
  [/^(app|components)\//, 3, "edge"],
  [/^lib\/(payments|notifications|admin|demo-provider|health|scheduler)(\/|$)/, 2, "adapter"],
  [
    /^lib\/(purchases|subscriptions|access|commissions|offerings|discounts|users|referrals|communities|settings|auth)(\/|$)/,
    1,
    "domain",
  ],
  [/^lib(\/|$)/, 0, "kernel"],
];

function layerOf(folder: string): number {
  for (const [pattern, rank] of LAYERS) if (pattern.test(folder)) return rank;
  return -1;
}

// The config's rules only add violations to the output; the graph is the same with or without them.
const output = spawnSync(
  "npx",
  ["depcruise", "lib", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
  { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
).stdout;
const modules = (JSON.parse(output) as { modules: Module[] }).modules.filter((m) =>
  m.source.startsWith("lib/"),
);

const pairCounts = new Map<string, number>();
let between = 0;
let up = 0;
const upward: string[] = [];
let circularModuleImports = 0;
for (const cruised of modules) {
  const from = path.dirname(cruised.source);
  for (const dependency of cruised.dependencies) {
    if (dependency.circular) circularModuleImports += 1;
    if (!dependency.resolved.startsWith("lib/")) continue;
    const to = path.dirname(dependency.resolved);
    if (from === to) continue;
    between += 1;
    const key = `${from} -> ${to}`;
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    if (layerOf(to) > layerOf(from)) {
      up += 1;
      upward.push(`${cruised.source} -> ${dependency.resolved}`);
    }
  }
}

const folders = new Set<string>();
const edges = new Map<string, Set<string>>();
for (const key of pairCounts.keys()) {
  const [from, to] = key.split(" -> ");
  folders.add(from);
  folders.add(to);
  if (!edges.has(from)) edges.set(from, new Set());
  edges.get(from)!.add(to);
}
for (const cruised of modules) folders.add(path.dirname(cruised.source));

const mutual: string[] = [];
for (const [key, count] of pairCounts) {
  const [from, to] = key.split(" -> ");
  const back = pairCounts.get(`${to} -> ${from}`);
  if (back && from < to) mutual.push(`${from} <-> ${to} (${count} / ${back})`);
}

// Circles between folders: strongly connected components (Tarjan) with more than one folder.
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const circles: string[][] = [];
let counter = 0;
function visit(folder: string) {
  index.set(folder, counter);
  low.set(folder, counter);
  counter += 1;
  stack.push(folder);
  onStack.add(folder);
  for (const next of edges.get(folder) ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
    } else if (onStack.has(next)) low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
  }
  if (low.get(folder) === index.get(folder)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) circles.push(component.sort());
  }
}
for (const folder of folders) if (!index.has(folder)) visit(folder);

const figures = {
  folders: folders.size,
  folderEdges: pairCounts.size,
  importsBetweenFolders: between,
  importsPointingUp: up,
  pairsImportingEachOther: mutual.length,
  heaviestPair: Math.max(
    0,
    ...mutual.map((line) =>
      Math.max(
        ...line
          .match(/\((\d+) \/ (\d+)\)/)!
          .slice(1)
          .map(Number),
      ),
    ),
  ),
  folderCircles: circles.length,
  moduleImportsInCircles: circularModuleImports,
};

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ figures, upward, mutual, circles }, null, 2));
} else {
  console.log(figures);
  console.log("\nimports pointing up:\n  " + (upward.join("\n  ") || "none"));
  console.log(
    "\npairs importing each other (imports each way):\n  " + (mutual.join("\n  ") || "none"),
  );
  console.log("\nfolder circles:\n  " + (circles.map((c) => c.join(", ")).join("\n  ") || "none"));
}
