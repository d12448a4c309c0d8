// @ts-check
// Shared with lib/http/security-headers.ts (the CSP with its nonce is set per request in proxy.ts).
const STATIC_SECURITY_HEADERS = require("./lib/http/static-security-headers.json");
// The API's fixed CSP: /api/* is outside proxy.ts (no nonce needed), so it is set here.
const API_SECURITY_HEADERS = require("./lib/http/api-security-headers.json");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The test command runs `tsc --noEmit` over the whole repo (app, simulator, stand-in, tests) as its
  // own step, so the build does not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  // PGlite and oidc-provider stay plain Node modules on the server.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino"],
  experimental: {
    // With proxy.ts in the path Next buffers request bodies and silently TRUNCATES them at this size
    // (default 10 MB). The API is no longer in the proxy's path, but keep this above the largest
    // per-route cap (Spine inbound, 12 MB) so a page's form post is never truncated either; the route
    // wrapper, which counts bytes as they arrive, is what refuses an oversized body, with 413.
    proxyClientMaxBodySize: "16mb",
  },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: API_SECURITY_HEADERS },
    ];
  },
};

module.exports = nextConfig;
