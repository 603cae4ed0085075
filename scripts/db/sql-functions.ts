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
 *
 * Trigger functions (`RETURNS trigger`) are files like any other; their CREATE TRIGGER statements
 * are written by hand in the migration that first needs them, after the function. The migrations'
 * CREATE TRIGGER / DROP TRIGGER statements are read too, so that a trigger function whose file is
 * gone has its triggers dropped before it (PostgreSQL refuses to drop a function a trigger calls),
 * and a trigger function's arguments or result never change (that would need its triggers made
 * again, by hand).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export type FunctionSource = { name: string; file: string; text: string; statement: string };
export type MigrationText = { name: string; sql: string };

const CREATE = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?:"?public"?\.)?"?(\w+)"?\s*\(/gi;
const DROP = /DROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?(?:"?public"?\.)?"?(\w+)"?/gi;
const BODY_START = /\bAS\s+(\$\w*\$)/gi;
const CREATE_TRIGGER =
  /CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+"?(\w+)"?[^;]*?\bON\s+((?:"?\w+"?\.)?"?\w+"?)[^;]*?\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?:"?public"?\.)?"?(\w+)"?\s*\(/gi;
const DROP_TRIGGER =
  /DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?\s+ON\s+((?:"?\w+"?\.)?"?\w+"?)/gi;

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

/** A trigger as the migrations left it: its name, its table (as written), the function it calls. */
export type TriggerUse = { name: string; table: string; functionName: string };

const plainSql = (text: string) =>
  text.replace(/--[^\n]*/g, (comment) => " ".repeat(comment.length));
const bare = (name: string) =>
  name
    .replace(/"/g, "")
    .replace(/^public\./i, "")
    .toLowerCase();

/**
 * The triggers the migrations leave, in order: each CREATE TRIGGER adds one (or replaces it), each
 * DROP TRIGGER removes it. Keyed by table and trigger name, as PostgreSQL names them.
 */
export function liveTriggers(migrations: MigrationText[]): TriggerUse[] {
  const triggers = new Map<string, TriggerUse>();
  const ordered = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { sql: text } of ordered) {
    const sql = plainSql(text);
    const found: { index: number; apply: () => void }[] = [];
    for (const match of sql.matchAll(CREATE_TRIGGER)) {
      const [, name, table, functionName] = match;
      const key = `${bare(table)}.${name.toLowerCase()}`;
      found.push({
        index: match.index,
        apply: () => triggers.set(key, { name, table, functionName }),
      });
    }
    for (const match of sql.matchAll(DROP_TRIGGER)) {
      const key = `${bare(match[2])}.${match[1].toLowerCase()}`;
      found.push({ index: match.index, apply: () => triggers.delete(key) });
    }
    for (const { apply } of found.sort((a, b) => a.index - b.index)) apply();
  }
  return [...triggers.values()];
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
  const triggers = liveTriggers(migrations);
  const callers = (name: string) =>
    triggers.filter((trigger) => trigger.functionName.toLowerCase() === name.toLowerCase());
  const parts: string[] = [];
  for (const source of sources) {
    const previous = emitted.get(source.name);
    if (previous?.trim() === source.statement.trim()) continue;
    const changed = previous !== undefined && signature(previous) !== signature(source.statement);
    if (changed && callers(source.name).length > 0) {
      throw new Error(
        `${source.file}: the arguments or result of a trigger function cannot change in place; ` +
          `add a new function and move its triggers to it (${callers(source.name)
            .map((trigger) => trigger.name)
            .join(", ")})`,
      );
    }
    const drop = changed ? `DROP FUNCTION ${source.name};\n` : "";
    parts.push(`-- prisma/functions/${source.file}\n${drop}${source.text.trim()}\n`);
  }
  const kept = new Set(sources.map((source) => source.name));
  for (const name of emitted.keys()) {
    if (kept.has(name)) continue;
    const dropTriggers = callers(name)
      .map((trigger) => `DROP TRIGGER ${trigger.name} ON ${trigger.table};\n`)
      .join("");
    parts.push(
      `-- prisma/functions/${name}.sql was removed\n${dropTriggers}DROP FUNCTION ${name};\n`,
    );
  }
  return parts.join("\n");
}
