/**
 * Under `next dev`, background work waits for the server's first request. There Next compiles a
 * page when it is first asked for, and `npm run dev` asks for /offerings as soon as the server
 * listens: a newcomer waits for that compile. instrumentation.ts loads the outbox and the
 * scheduler (a second or so of loading and running modules, while the server answers nothing)
 * once the compile is under way. Before it, they would hold the request, and so the compile,
 * back; after the page, they would leave the page to load the Prisma client and connect by
 * itself, which they do meanwhile.
 *
 * The app's HTTP server (scripts/server.ts) sets this up in development and says when a request
 * has come; anywhere else (production, tests) background work starts at once. The server loads
 * its own copy of this module, apart from the app's bundled one, so the two meet on `globalThis`
 * (as in lib/security/client-address.ts).
 */
type Gate = { promise: Promise<void>; open: () => void };

const holder = globalThis as unknown as { firstRequest?: Gate };

/** From a request's arrival to Next's compile of its page: the proxy, the rewrite, the lookup. */
const COMPILE_HEAD_START_MS = 300;
/** If no request comes, background work starts this long after it was first held. */
const LIMIT_MS = 30_000;

/** Called by the app's HTTP server, in development, before Next loads. */
export function holdBackgroundWorkForFirstRequest(): void {
  if (holder.firstRequest) return;
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  setTimeout(open, LIMIT_MS).unref();
  holder.firstRequest = { promise, open };
}

/** Called by the app's HTTP server for each request it hands to Next. */
export function markRequestReceived(): void {
  holder.firstRequest?.open();
}

/**
 * Resolves when background work may start: at once, or, when the server holds it, a moment after
 * its first request (once that request's page is compiling).
 */
export function backgroundWorkMayStart(): Promise<void> {
  const held = holder.firstRequest;
  if (!held) return Promise.resolve();
  return held.promise.then(
    () => new Promise<void>((resolve) => setTimeout(resolve, COMPILE_HEAD_START_MS)),
  );
}
