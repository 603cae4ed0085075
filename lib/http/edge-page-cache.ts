/**
 * The edge copy of a page Next serves from its own cache (the catalog at /offerings), answered by
 * the app's HTTP server (scripts/server.ts) before Next sees the request. A profile of the cached
 * catalog showed where its 4–5 ms of CPU went, none of it rendering: Next's router, proxy and
 * tracing per request, an ETag hashed over the whole 170 KB page in JavaScript, and the page
 * turned from a string into UTF-8 bytes on every write. The edge keeps the bytes, headers and
 * ETag of Next's last fresh answer and sends them as a static server would.
 *
 * - Filled from Next's own answer: a plain GET of the path (no query, no RSC or router headers,
 *   which ask for other payloads) that Next answered 200 from its cache or a fresh render
 *   (`x-nextjs-cache` HIT, MISS or REVALIDATED, never STALE), without Set-Cookie. Kept per
 *   content encoding and scheme (X-Forwarded-Proto), so a client gets the encoding and headers
 *   Next would have chosen for it.
 * - Emptied by expireEdgePage() (the catalog's expireCatalog(), on every admin save), in this
 *   process; an answer that was being captured when the page expired is not kept. Otherwise a
 *   copy is kept EDGE_TTL_MS, then the next request goes to Next again: another instance's save
 *   shows here within Next's own bound (the page's revalidate and expireTime) plus EDGE_TTL_MS.
 * - Nothing about the visitor is in it: the page reads no session, and the signed-in parts of
 *   the header load in the browser (GET /api/me), as with Next's cache.
 *
 * The store lives on globalThis: the server (run by tsx) and the app's bundles (built by Next)
 * load this file as separate modules in one process.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

const EDGE_TTL_MS = 5_000;
const FRESH = new Set(["HIT", "MISS", "REVALIDATED"]);
/** Request headers that ask Next for something else than the page's HTML (RSC, router, action). */
const OTHER_PAYLOAD = /^(?:rsc|next-.*)$/;
/** Hop-by-hop or per-answer headers that Node writes itself. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date"]);

type Entry = { headers: OutgoingHttpHeaders; body: Buffer; etag?: string; storedAt: number };
/** The copies of a page, by encoding and scheme (copyKey). */
type PageCopies = { generation: number; byEncoding: Map<string, Entry> };
type Store = Map<string, PageCopies>;

const STORE_KEY = Symbol.for("offerings.edgePageCache");
const globalStore = globalThis as typeof globalThis & { [STORE_KEY]?: Store };

function store(): Store {
  globalStore[STORE_KEY] ??= new Map();
  return globalStore[STORE_KEY];
}

function copiesOf(path: string): PageCopies {
  const pages = store();
  let copies = pages.get(path);
  if (!copies) {
    copies = { generation: 0, byEncoding: new Map() };
    pages.set(path, copies);
  }
  return copies;
}

/** Forgets every copy of `path` in this process; an answer being captured is not kept either. */
export function expireEdgePage(path: string): void {
  const copies = copiesOf(path);
  copies.generation += 1;
  copies.byEncoding.clear();
}

/** The encoding Next's compression would choose for this request: gzip when accepted. */
function wantedEncoding(request: IncomingMessage): string {
  const accepted = request.headers["accept-encoding"] ?? "";
  return /(?:^|,)\s*gzip\s*(?:,|$)/i.test(accepted) ? "gzip" : "identity";
}

/**
 * Which copy answers this request: one per encoding, and per scheme the client used as a proxy
 * reports it (X-Forwarded-Proto), since Next's headers differ with it (HSTS only over https,
 * next.config.ts).
 */
function copyKey(request: IncomingMessage, encoding: string): string {
  const https = request.headers["x-forwarded-proto"] === "https";
  return `${encoding} ${https ? "https" : "http"}`;
}

function isPlainPageRequest(request: IncomingMessage, path: string): boolean {
  return (
    request.method === "GET" &&
    request.url === path &&
    !Object.keys(request.headers).some((header) => OTHER_PAYLOAD.test(header))
  );
}

/** Sends the copy; 304 when the client holds it already (as Next does with its ETag). */
function send(request: IncomingMessage, response: ServerResponse, entry: Entry): void {
  if (entry.etag && request.headers["if-none-match"] === entry.etag) {
    const headers = { ...entry.headers };
    for (const name of ["content-length", "content-type", "content-encoding"]) delete headers[name];
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, entry.headers);
  response.end(entry.body);
}

/** Collects what Next writes to `response`; `done` gets it once the answer ends. */
function capture(response: ServerResponse, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") {
      chunks.push(
        Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
      );
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk));
    }
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  response.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") keep(args[0], args[1]);
    done(Buffer.concat(chunks));
    return end(...args);
  }) as ServerResponse["end"];
}

/** Next's answer as the edge will replay it, or undefined when it must not be kept. */
function entryFrom(response: ServerResponse, body: Buffer, encoding: string): Entry | undefined {
  const headers = response.getHeaders();
  const cache = String(headers["x-nextjs-cache"] ?? "");
  const sentEncoding = String(headers["content-encoding"] ?? "identity");
  if (response.statusCode !== 200 || !FRESH.has(cache) || sentEncoding !== encoding) return;
  if (headers["set-cookie"] !== undefined) return;
  const replayed: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) replayed[name] = value;
  }
  Object.assign(replayed, { "x-nextjs-cache": "HIT", "content-length": body.length });
  const etag = typeof headers.etag === "string" ? headers.etag : undefined;
  return { headers: replayed, body, etag, storedAt: Date.now() };
}

/**
 * Answers a plain GET of one of `paths` from the edge copy and returns true; otherwise returns
 * false, having set up the capture of Next's answer when it may fill the copy.
 */
export function answerFromEdge(
  request: IncomingMessage,
  response: ServerResponse,
  paths: ReadonlySet<string>,
): boolean {
  const path = request.url ?? "";
  if (!paths.has(path) || !isPlainPageRequest(request, path)) return false;
  const copies = copiesOf(path);
  const encoding = wantedEncoding(request);
  const key = copyKey(request, encoding);
  const entry = copies.byEncoding.get(key);
  if (entry && Date.now() - entry.storedAt < EDGE_TTL_MS) {
    send(request, response, entry);
    return true;
  }
  const generation = copies.generation;
  capture(response, (body) => {
    const fresh = entryFrom(response, body, encoding);
    if (fresh && copies.generation === generation) copies.byEncoding.set(key, fresh);
  });
  return false;
}
