/**
 * Where outgoing webhooks may go (SSRF). Unless OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on, an endpoint
 * must be https and reach only public unicast addresses: never loopback, private, link-local
 * (cloud metadata at 169.254.169.254), unspecified or any other reserved range. The ranges are
 * ipaddr.js's, the same library request-filtering-agent applies on every connection
 * (post-webhook.ts), so a name that resolves elsewhere later (DNS rebinding) still fails there.
 * This check runs when a URL is saved, to answer the admin with a clear 422.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type UrlPolicy = { allowPrivate: boolean };

/** The configured policy: OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on for local receivers. */
export function configuredUrlPolicy(): UrlPolicy {
  return { allowPrivate: getEnv().OUTGOING_WEBHOOKS_ALLOW_PRIVATE === "on" };
}

export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithDns: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** True for an address an endpoint may not reach: anything but public unicast (as the agent). */
export function isForbiddenAddress(address: string): boolean {
  try {
    return ipaddr.parse(address).range() !== "unicast";
  } catch {
    return true;
  }
}

function refuse(message: string): never {
  throw new AppError("validation_failed", message, { fields: { url: message } });
}

/**
 * Checks an endpoint URL before it is saved; throws a 422 naming the field. `resolve` is for
 * tests (the default asks DNS, as the connection will).
 */
export async function checkEndpointUrl(
  raw: string,
  policy: UrlPolicy = configuredUrlPolicy(),
  resolve: ResolveHost = resolveWithDns,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("Enter a full URL, such as https://example.com/webhooks.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    refuse("The URL must start with https://.");
  }
  if (url.username || url.password) refuse("Put no user name or password in the URL.");
  if (policy.allowPrivate) return url.toString();
  if (url.protocol !== "https:") refuse("The URL must start with https://.");

  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(hostname) ? [hostname] : await resolve(hostname).catch(() => []);
  if (addresses.length === 0) refuse(`The host name ${hostname} does not resolve.`);
  const forbidden = addresses.find(isForbiddenAddress);
  if (forbidden !== undefined) {
    const what = forbidden === hostname ? hostname : `${hostname} resolves to ${forbidden}, which`;
    refuse(
      `${what} is a loopback, private, link-local or reserved address: webhooks go to public addresses only.`,
    );
  }
  return url.toString();
}
