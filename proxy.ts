import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { config as appConfig } from "@/server/config";

/**
 * Per-request headers for pages only: a CSP nonce and a request id for logs. Authentication and
 * RBAC are NOT decided here (CVE-2025-29927): every route handler and page checks them on the
 * server. The API (/api/*) is outside the matcher: its CSP is fixed (next.config.js) and its
 * request id is made by the route wrapper, so no API request pays for a proxy pass (~2.5 ms of
 * CPU each, measured: docs/performance.md).
 */
export function proxy(request: NextRequest) {
  // Always ours: a client-chosen id could forge or collide with the references users quote and the audit trail.
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // proxy.ts runs in the Node.js runtime (Next 16's default for proxy), so it reads the same parsed,
  // validated configuration as the route handlers rather than process.env.
  const c = appConfig();
  const cis2Origin = safeOrigin(c.CIS2_ISSUER);
  const csp = pageContentSecurityPolicy({
    nonce,
    formActionOrigins: cis2Origin ? [cis2Origin] : [],
    development: c.NODE_ENV === "development",
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|nhsuk/|assets/).*)"],
};
