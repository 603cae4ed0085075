/**
 * The server's first response, which background work waits for under `next dev`. There Next
 * compiles a page on its first request, on the same cores as everything else the server does as
 * it starts, and `npm run dev` asks for /offerings at once: a newcomer waits for that page.
 * instrumentation.ts loads the outbox and the scheduler (a second or two of loading modules,
 * during which the server answers nothing) after it, in development; in production at once.
 *
 * The app's HTTP server (scripts/server.ts) says when a response has gone out. It loads its own
 * copy of this module, apart from the app's bundled one, so the two meet on `globalThis` (as in
 * lib/security/client-address.ts).
 */
type Gate = { promise: Promise<void>; open: () => void };

const holder = globalThis as unknown as { firstResponse?: Gate };

function gate(): Gate {
  if (!holder.firstResponse) {
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    holder.firstResponse = { promise, open };
  }
  return holder.firstResponse;
}

/** Called by the app's HTTP server when a response has gone out. */
export function markResponseSent(): void {
  gate().open();
}

/** Resolves after the server's first response, or after `limitMs` if none has gone out by then. */
export function afterFirstResponse(limitMs: number): Promise<void> {
  const limit = new Promise<void>((resolve) => setTimeout(resolve, limitMs).unref());
  return Promise.race([gate().promise, limit]);
}
