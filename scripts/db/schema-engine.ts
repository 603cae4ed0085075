/**
 * Prisma's schema engine, run offline from its WebAssembly build. The CLI's `prisma migrate`
 * needs a native engine download that this environment cannot make; the wasm engine with the
 * pg driver adapter does the same work: diff two schemas into SQL, and apply the committed
 * migrations (tracked in the standard `_prisma_migrations` table).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { readMigrationsList } from "./migrations-folder.ts";

export const schemaPath = path.resolve("prisma/schema.prisma");
const noFilter = { externalTables: [], externalEnums: [] };

type ScriptRunner = {
  client: { query: (text: string) => Promise<unknown> };
  onError: (error: unknown) => never;
};

/** The pg adapter factory, remembering what it opened so it can be closed when we are done. */
class ClosablePrismaPg extends PrismaPg {
  private opened: { dispose: () => Promise<void> }[] = [];

  override async connect() {
    const adapter = await super.connect();
    this.opened.push(adapter);
    // The adapter runs a migration script statement by statement, split at every ";", which cuts
    // a function body apart. PostgreSQL runs the whole script as one simple query, as
    // `prisma migrate` sends it.
    const runner = adapter as unknown as ScriptRunner;
    adapter.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }

  async closeAll() {
    await Promise.all(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }
}

async function withEngine<T>(
  databaseUrl: string,
  task: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = new ClosablePrismaPg({ connectionString: databaseUrl, max: 1 });
  try {
    return await task(await loadEngine(factory));
  } finally {
    // The embedded database serves one connection: give it back before anyone else connects.
    await factory.closeAll();
  }
}

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
};
let bindingsLoaded: Promise<Bindings> | undefined;

/** The wasm module is instantiated once per process: its JS glue holds one global instance. */
function loadBindings(): Promise<Bindings> {
  bindingsLoaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(bindingsPath)) as Bindings;
    const wasm = readFileSync(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bindings;
  })();
  return bindingsLoaded;
}

async function loadEngine(factory: ClosablePrismaPg): Promise<SchemaEngine> {
  const bindings = await loadBindings();
  const log = () => {};
  return bindings.SchemaEngine.new(
    { datamodels: undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/**
 * Applies every committed migration not yet applied (with `upTo`, only those up to that one, as
 * a test of a migration needs the database before it); returns the names it applied.
 */
export async function applyMigrations(databaseUrl: string, upTo?: string): Promise<string[]> {
  const result = await withEngine(databaseUrl, (engine) =>
    engine.applyMigrations({ migrationsList: readMigrationsList(upTo), filters: noFilter }),
  );
  return result.appliedMigrationNames;
}

type SchemaSource =
  { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

export function schemaSource(content: string | null): SchemaSource {
  return content === null
    ? { tag: "empty" }
    : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
}

/** The SQL that takes a database from one schema to another; no database is touched. */
export async function diffSchemas(from: SchemaSource, to: SchemaSource): Promise<string> {
  // The engine connects even for a pure diff, though it reads nothing from the database.
  const url = process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
  const result = await withEngine(url, (engine) =>
    engine.diff({ from, to, script: true, exitCode: null, filters: noFilter }),
  );
  return result.stdout ?? "";
}
