import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/** Sent with every response; the Content-Security-Policy comes from proxy.ts. */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
];

// Packages that load native or wasm pieces at run time stay outside the server bundle.
const nativeOrWasmPackages = ["@prisma/adapter-pg", "pg", "bcryptjs", "nodemailer"];

/**
 * Under `next dev` only: large server-only packages that Node loads as they are, so that Turbopack
 * does not compile them (several times over: instrumentation, proxy, pages) before the first page
 * answers. A production build bundles them as before. Each loads the same way in both layers.
 */
const precompiledInDevelopment = [
  "zod",
  "stripe",
  "pg-boss",
  "prom-client",
  "rate-limiter-flexible",
  "@date-fns/utc",
  "@react-email/components",
  "@react-email/render",
  "standardwebhooks",
  "request-filtering-agent",
  // Auth.js's core (next-auth itself stays bundled: it imports next/server) and its JWT library.
  "@auth/core",
  "jose",
  "@opentelemetry/api",
];

const nextConfig = (phase: string): NextConfig => ({
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when a non-admin opens an admin page.
  experimental: { authInterrupts: true },
  serverExternalPackages:
    phase === PHASE_DEVELOPMENT_SERVER
      ? [...nativeOrWasmPackages, ...precompiledInDevelopment]
      : nativeOrWasmPackages,
  // A page served from Next's cache that is older than this (seconds) is rendered afresh before it
  // is answered, never served stale: the catalog's bound for instances that missed an admin's save.
  expireTime: 60,
  // The catalog lives at /offerings but is rendered and cached as a dynamic segment, which
  // `next build` does not prerender (it has no database): see lib/offerings/catalog-cache.ts.
  async rewrites() {
    return [{ source: "/offerings", destination: "/catalog/current" }];
  },
  async redirects() {
    // Only the rewrite reaches the catalog's own path, so no other URL fills the cache.
    return [{ source: "/catalog/:path*", destination: "/offerings", permanent: false }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // HSTS only over https (here: behind a proxy that terminated TLS and says so).
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
        ],
      },
    ];
  },
});

export default nextConfig;
