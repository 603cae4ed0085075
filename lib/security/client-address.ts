/**
 * Who is asking: the address per-address rate limits count. A client can write any
 * `X-Forwarded-For` it likes, so the app never reads that header itself. The app's HTTP server
 * (scripts/server.ts, behind `npm start` and `npm run dev`) works the address out from the socket
 * and the configured number of trusted proxies (TRUSTED_PROXY_HOPS), and hands it to Next in
 * CLIENT_ADDRESS_HEADER, overwriting any copy the client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-client-address";

/**
 * Set on `globalThis` by that server, in its own process, before Next loads: the header is the
 * server's word only there. Under a bare `next start` it would be the client's, so it is ignored
 * (no address: the per-offering and per-account limits still hold).
 */
const process_ = globalThis as unknown as { clientAddressServer?: boolean };

/** Called by scripts/server.ts (and tests that play it) before any request is handled. */
export function markClientAddressServer(): void {
  process_.clientAddressServer = true;
}

/** The address the app's server handed over with the request, or null. */
export function addressHandedOver(headers: Headers): string | null {
  if (!process_.clientAddressServer) return null;
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim().slice(0, MAX_ADDRESS_LENGTH) || null;
}

const MAX_ADDRESS_LENGTH = 64;

export type ClientAddressInput = {
  /** The TCP peer: the client itself, or the nearest proxy. */
  socketAddress: string | undefined;
  /** Every `X-Forwarded-For` value the request carried, joined with commas. */
  forwardedFor: string | string[] | undefined;
  /** How many proxies in front of the app append to `X-Forwarded-For` (0: none, trust none). */
  trustedProxyHops: number;
};

/**
 * With no trusted proxy, the socket's address. With N, the Nth address from the right of
 * `X-Forwarded-For`: each trusted proxy appends the address it was reached from, so the first N
 * entries from the right were written by them, and anything further left by the client. A chain
 * shorter than N (a request that skipped a proxy) gives its leftmost entry, as Express does.
 */
export function clientAddressOf({
  socketAddress,
  forwardedFor,
  trustedProxyHops,
}: ClientAddressInput): string | null {
  const forwarded = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = Math.min(trustedProxyHops, forwarded.length);
  const address = hops > 0 ? forwarded[forwarded.length - hops] : socketAddress;
  return address ? normalized(address) : null;
}

/** `::ffff:203.0.113.7` (IPv4 on a dual-stack socket) is 203.0.113.7; anything kept short. */
function normalized(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  return (mapped ?? address).slice(0, MAX_ADDRESS_LENGTH);
}
