/**
 * The Content-Security-Policy of every page. Scripts and frames come from the app, and from
 * Stripe (Stripe.js and Embedded Checkout with real keys) or the local Stripe sandbox (its
 * embedded form), whichever this server talks to. No site may frame the app, and forms post
 * only to it. Next inlines its own bootstrap scripts: a page rendered per request gets a nonce
 * (proxy.ts), which Next puts on its scripts, so no other inline script runs there; a page served
 * from the cache (the catalog) cannot carry a per-request nonce and keeps 'unsafe-inline'. The
 * development server also needs eval and its websocket.
 */
import type { Env } from "@/lib/env";

const stripe = {
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: [
    "https://js.stripe.com",
    "https://*.js.stripe.com",
    "https://hooks.stripe.com",
    "https://checkout.stripe.com",
  ],
  connect: [
    "https://api.stripe.com",
    "https://checkout.stripe.com",
    "https://m.stripe.network",
    "https://q.stripe.com",
  ],
};

type PolicyEnv = Pick<Env, "NODE_ENV" | "STRIPE_API_BASE" | "STRIPE_SANDBOX_PUBLIC_URL">;

/** `nonce`: the page's per-request nonce, which replaces 'unsafe-inline' for scripts. */
export function contentSecurityPolicy(env: PolicyEnv, nonce?: string): string {
  const sandbox = env.STRIPE_API_BASE
    ? new URL(env.STRIPE_SANDBOX_PUBLIC_URL ?? env.STRIPE_API_BASE).origin
    : null;
  const development = env.NODE_ENV === "development";
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      nonce ? `'nonce-${nonce}'` : "'unsafe-inline'",
      ...stripe.script,
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...stripe.connect, ...(development ? ["ws:"] : [])],
    "frame-src": ["'self'", ...stripe.frame, ...(sandbox ? [sandbox] : [])],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}
