import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Packages that load native or wasm pieces at run time stay outside the server bundle.
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "bcryptjs", "nodemailer"],
};

export default nextConfig;
