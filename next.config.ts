import type { NextConfig } from "next";

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

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when a non-admin opens an admin page.
  experimental: { authInterrupts: true },
  // Packages that load native or wasm pieces at run time stay outside the server bundle.
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "bcryptjs", "nodemailer"],
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
};

export default nextConfig;
