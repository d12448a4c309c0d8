/**
 * Security headers for every response (ASVS 3.4 / 14.x). Static ones are applied by next.config.js
 * to all paths, and the API's fixed Content-Security-Policy to /api/* (the API is not in proxy.ts's
 * path: it needs no nonce, and skipping the proxy takes ~2.5 ms of CPU off every API request); a
 * page's CSP carries a per-request nonce and is set by proxy.ts.
 */
import apiHeaders from "./api-security-headers.json";
import staticHeaders from "./static-security-headers.json";

export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = staticHeaders;

export interface CspOptions {
  nonce: string;
  /** Origins the browser may be sent to by a form post's redirect (CIS2 sign-out). */
  formActionOrigins?: string[];
  development?: boolean;
}

/**
 * CSP for HTML pages: scripts and style elements only with this response's nonce, no inline style
 * attributes, nothing framed, nothing external.
 */
export function pageContentSecurityPolicy({ nonce, formActionOrigins = [], development = false }: CspOptions): string {
  const scriptSrc = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`, ...(development ? [`'unsafe-eval'`] : [])];
  // Stylesheets are our own files (Next's CSS chunks, the NHS design system's CSS in public/). Next
  // puts the nonce on the <link>/<style> elements it renders, so a <style> element it may inject
  // still loads; nothing else inline does. Only `next dev` allows inline styles (its error overlay
  // injects un-nonced ones; 'unsafe-inline' would be ignored next to a nonce, so it replaces it).
  const inlineStyles = development ? `'unsafe-inline'` : `'nonce-${nonce}'`;
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    `style-src 'self' ${inlineStyles}`,
    // No page needs a style="" attribute (Next's route announcer styles itself through the CSSOM,
    // which CSP does not govern), so none is allowed; e2e/security-headers.spec.ts watches every
    // page it visits for violations.
    `style-src-attr ${development ? `'unsafe-inline'` : `'none'`}`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self' ${formActionOrigins.join(" ")}`.trim(),
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** Headers next.config.js adds to every /api/* response. */
export const API_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = apiHeaders;

/** CSP for API responses (JSON, XML): nothing may be loaded or framed. */
export const API_CONTENT_SECURITY_POLICY =
  apiHeaders.find((header) => header.key === "Content-Security-Policy")?.value ?? "default-src 'none'; frame-ancestors 'none'";
