import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx when a non-admin opens an admin page.
  experimental: { authInterrupts: true },
  // Packages that load native or wasm pieces at run time stay outside the server bundle.
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "bcryptjs", "nodemailer"],
};

export default nextConfig;
