import { type NextRequest, NextResponse } from "next/server";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { config as appConfig } from "@/server/config";

/**
 * Per-request headers only: a CSP nonce for pages and a request id for logs. Authentication and RBAC
 * are NOT decided here (CVE-2025-29927): every route handler and page checks them on the server.
 */
export function proxy(request: NextRequest) {
  // Always ours: a client-chosen id could forge or collide with the references users quote and the audit trail.
  const requestId = crypto.randomUUID();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // proxy.ts runs in the Node.js runtime (Next 16's default for proxy), so it reads the same parsed,
  // validated configuration as the route handlers rather than process.env.
  const c = appConfig();
  const cis2Origin = safeOrigin(c.CIS2_ISSUER);
  const csp = isApi
    ? API_CONTENT_SECURITY_POLICY
    : pageContentSecurityPolicy({
        nonce,
        formActionOrigins: cis2Origin ? [cis2Origin] : [],
        development: c.NODE_ENV === "development",
      });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  if (!isApi) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
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
  matcher: ["/((?!_next/static|_next/image|favicon.ico|nhsuk/|assets/).*)"],
};
