/**
 * SQL functions kept as source files, `prisma/functions/<name>.sql`, one CREATE OR REPLACE
 * FUNCTION each, and the migrations that put them in the database.
 *
 * What the database runs is what the migrations last emitted for a function: its newest CREATE
 * [OR REPLACE] FUNCTION statement, scanning the migrations in order (a later DROP FUNCTION of it
 * forgets it). `npm run db:migration` compares each file's statement with that one and, when it
 * differs (or the function is new), appends the file to the new migration. CREATE OR REPLACE
 * cannot change a function's arguments or result, so when those differ the old one is dropped
 * first. A function whose file is gone is dropped.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export type FunctionSource = { name: string; file: string; text: string; statement: string };
export type MigrationText = { name: string; sql: string };

const CREATE = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?:"?public"?\.)?"?(\w+)"?\s*\(/gi;
const DROP = /DROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?(?:"?public"?\.)?"?(\w+)"?/gi;
const BODY_START = /\bAS\s+(\$\w*\$)/gi;

type Found = { kind: "create" | "drop"; name: string; start: number; end: number };

function nextMatch(pattern: RegExp, sql: string, from: number) {
  pattern.lastIndex = from;
  return pattern.exec(sql);
}

/** The end (after its ";") of the CREATE FUNCTION statement starting at `start`. */
function statementEnd(sql: string, start: number): number {
  const body = nextMatch(BODY_START, sql, start);
  if (!body)
    throw new Error(
      `A CREATE FUNCTION without a dollar-quoted body: ${sql.slice(start, start + 80)}`,
    );
  const tag = body[1];
  const close = sql.indexOf(tag, body.index + body[0].length);
  const semicolon = close < 0 ? -1 : sql.indexOf(";", close + tag.length);
  if (semicolon < 0)
    throw new Error(`An unterminated CREATE FUNCTION: ${sql.slice(start, start + 80)}`);
  return semicolon + 1;
}

/**
 * The CREATE FUNCTION and DROP FUNCTION statements of a SQL text, in order, with where each
 * starts and ends. Comments are blanked first, so a header that names a statement is no statement.
 */
export function functionStatements(text: string): Found[] {
  const sql = text.replace(/--[^\n]*/g, (comment) => " ".repeat(comment.length));
  const found: Found[] = [];
  let position = 0;
  for (;;) {
    const create = nextMatch(CREATE, sql, position);
    const drop = nextMatch(DROP, sql, position);
    if (!create && !drop) return found;
    if (create && (!drop || create.index < drop.index)) {
      const end = statementEnd(sql, create.index);
      found.push({ kind: "create", name: create[1], start: create.index, end });
      position = end;
    } else if (drop) {
      const end = drop.index + drop[0].length;
      found.push({ kind: "drop", name: drop[1], start: drop.index, end });
      position = end;
    }
  }
}

/** Each function's newest CREATE statement over the migrations, in order; dropped ones are gone. */
export function lastEmitted(migrations: MigrationText[]): Map<string, string> {
  const emitted = new Map<string, string>();
  const ordered = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { sql } of ordered) {
    for (const statement of functionStatements(sql)) {
      if (statement.kind === "drop") emitted.delete(statement.name);
      else emitted.set(statement.name, sql.slice(statement.start, statement.end));
    }
  }
  return emitted;
}

/** prisma/functions/*.sql: each file holds one CREATE OR REPLACE FUNCTION named as the file. */
export function readFunctionSources(functionsDir: string): FunctionSource[] {
  let files: string[];
  try {
    files = readdirSync(functionsDir).filter((file) => file.endsWith(".sql"));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const text = readFileSync(path.join(functionsDir, file), "utf8");
    const statements = functionStatements(text);
    const name = path.basename(file, ".sql");
    const [only] = statements;
    if (statements.length !== 1 || only.kind !== "create" || only.name !== name) {
      throw new Error(`${file} must hold exactly one CREATE OR REPLACE FUNCTION ${name}(…)`);
    }
    return { name, file, text, statement: text.slice(only.start, only.end) };
  });
}

/** A statement's arguments and result: its text before the body, without comments or spacing. */
function signature(statement: string): string {
  const plain = statement.replace(/--[^\n]*/g, "");
  const body = nextMatch(BODY_START, plain, 0);
  return plain
    .slice(0, body?.index)
    .replace(/\s+/g, " ")
    .replace(/ ?([(),]) ?/g, "$1")
    .replace(/^CREATE (OR REPLACE )?/i, "")
    .trim()
    .toLowerCase();
}

/**
 * The SQL a new migration needs so that the database's functions match the files: each changed
 * or new file as written (after a DROP when its arguments or result changed), and a DROP for
 * each function whose file is gone. Empty when nothing changed.
 */
export function functionChanges(sources: FunctionSource[], migrations: MigrationText[]): string {
  const emitted = lastEmitted(migrations);
  const parts: string[] = [];
  for (const source of sources) {
    const previous = emitted.get(source.name);
    if (previous?.trim() === source.statement.trim()) continue;
    const drop =
      previous && signature(previous) !== signature(source.statement)
        ? `DROP FUNCTION ${source.name};\n`
        : "";
    parts.push(`-- prisma/functions/${source.file}\n${drop}${source.text.trim()}\n`);
  }
  const kept = new Set(sources.map((source) => source.name));
  for (const name of emitted.keys()) {
    if (!kept.has(name))
      parts.push(`-- prisma/functions/${name}.sql was removed\nDROP FUNCTION ${name};\n`);
  }
  return parts.join("\n");
}
