/**
 * Security headers for every response (ASVS 3.4 / 14.x). Static ones are applied by next.config.js
 * to all paths; the Content-Security-Policy carries a per-request nonce and is set by proxy.ts.
 */
import staticHeaders from "./static-security-headers.json";

export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = staticHeaders;

export interface CspOptions {
  nonce: string;
  /** Origins the browser may be sent to by a form post's redirect (CIS2 sign-out). */
  formActionOrigins?: string[];
  development?: boolean;
}

/** CSP for HTML pages: scripts only with this response's nonce, nothing framed, nothing external. */
export function pageContentSecurityPolicy({ nonce, formActionOrigins = [], development = false }: CspOptions): string {
  const scriptSrc = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`, ...(development ? [`'unsafe-eval'`] : [])];
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    // Inline style *attributes* come from React/Next internals (route announcer); no inline scripts allowed.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self' ${formActionOrigins.join(" ")}`.trim(),
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** CSP for API responses (JSON, XML): nothing may be loaded or framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
