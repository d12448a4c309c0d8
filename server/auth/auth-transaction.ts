import "server-only";
import { z } from "zod";
import { config } from "@/server/config";
import { readCookie, serializeCookie } from "./cookie-header";
import { seal, unseal } from "./sealing";

/**
 * The short-lived OIDC transaction (state, nonce, PKCE verifier, where to go afterwards) in its
 * own sealed cookie. SameSite=Lax because CIS2's redirect back is a cross-site top-level GET
 * (Strict cookies would not be sent). Ten minutes, one login attempt at a time.
 */

export const TRANSACTION_TTL_SECONDS = 10 * 60;

export const SIGN_IN_PURPOSES = ["sign-in", "change-role"] as const;
export type SignInPurpose = (typeof SIGN_IN_PURPOSES)[number];

const transactionSchema = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  returnTo: z.string(),
  purpose: z.enum(SIGN_IN_PURPOSES),
});

export type AuthTransaction = z.infer<typeof transactionSchema>;

export function transactionCookieName(): string {
  return config().insecureLoopback ? "lrm_auth_tx" : "__Host-lrm_auth_tx";
}

export async function transactionCookieHeader(transaction: AuthTransaction): Promise<string> {
  const sealed = await seal({ ...transaction }, TRANSACTION_TTL_SECONDS);
  return serializeCookie(transactionCookieName(), sealed, {
    maxAgeSeconds: TRANSACTION_TTL_SECONDS,
    secure: !config().insecureLoopback,
    sameSite: "Lax",
  });
}

export function clearTransactionCookieHeader(): string {
  return serializeCookie(transactionCookieName(), "", { maxAgeSeconds: 0, secure: !config().insecureLoopback, sameSite: "Lax" });
}

export async function readTransaction(request: Request): Promise<AuthTransaction | undefined> {
  const sealed = readCookie(request.headers.get("cookie"), transactionCookieName());
  if (!sealed) return undefined;
  const parsed = transactionSchema.safeParse(await unseal(sealed, TRANSACTION_TTL_SECONDS));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Only same-site relative paths may be a post-sign-in destination (no open redirect):
 * "/patients/1" yes; "//evil.example", "https://…", "/\\evil", "/\t/evil.example" no.
 * The value is resolved against a fixed base exactly as the redirect will be, and only its path,
 * query and fragment are kept — whatever the browser or URL parser drops (tabs, newlines) cannot
 * turn it into another origin.
 */
const RETURN_TO_BASE = "https://lr-manager.invalid";

export function safeReturnTo(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.length > 512) return "/";
  // Control characters and backslashes have no business in our own paths.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let resolved: URL;
  try {
    resolved = new URL(value, RETURN_TO_BASE);
  } catch {
    return "/";
  }
  if (resolved.origin !== RETURN_TO_BASE) return "/";
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (path.startsWith("//") || path.startsWith("/api/")) return "/";
  return path;
}
