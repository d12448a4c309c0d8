import "server-only";
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAuditOrLog } from "@/server/audit/record-audit";
import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { recordLogoutToken } from "@/server/db/logout-tokens";
import { revokeSessionsBySid, revokeSessionsBySub } from "@/server/db/sessions";
import { cis2Configuration } from "./cis2-client";
import { now } from "./clock";
import { forgetRevokedSessions } from "./session-record";

/**
 * OIDC Back-Channel Logout 1.0 for CIS2 (docs/domain.md §9.3; ASVS 10.5.5): verify the
 * logout token with jose — signature against CIS2's JWKS, exact iss, aud = our client id, iat
 * within five minutes, the back-channel event present, no nonce, typ `logout+jwt` when given,
 * jti seen only once — then revoke by `sid` (else every session of `sub`).
 */

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** CIS2 does not document exp; iat must be this recent (Mavis uses 5 minutes). */
const MAX_TOKEN_AGE_SECONDS = 5 * 60;

export class LogoutTokenError extends Error {}

type JwksGetter = ReturnType<typeof createRemoteJWKSet>;
const JWKS_KEY = Symbol.for("lr-manager.cis2-jwks");

async function cis2Jwks(): Promise<{ jwks: JwksGetter; issuer: string }> {
  const metadata = (await cis2Configuration()).serverMetadata();
  if (!metadata.jwks_uri) throw new LogoutTokenError("CIS2 metadata has no jwks_uri");
  const holder = globalThis as typeof globalThis & { [JWKS_KEY]?: { uri: string; jwks: JwksGetter } };
  if (holder[JWKS_KEY]?.uri !== metadata.jwks_uri) {
    holder[JWKS_KEY] = { uri: metadata.jwks_uri, jwks: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  }
  return { jwks: holder[JWKS_KEY].jwks, issuer: metadata.issuer };
}

export interface VerifiedLogoutToken {
  sub?: string;
  sid?: string;
  jti: string;
  expiresAt: Date;
}

export async function verifyLogoutToken(token: string): Promise<VerifiedLogoutToken> {
  const { jwks, issuer } = await cis2Jwks();
  let payload: JWTPayload;
  let typ: string | undefined;
  try {
    const verified = await jwtVerify(token, jwks, {
      issuer,
      audience: config().CIS2_CLIENT_ID,
      algorithms: ["RS256", "RS512", "PS256", "ES256"],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: 30,
      requiredClaims: ["iat", "jti", "events"],
    });
    payload = verified.payload;
    typ = verified.protectedHeader.typ;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw new LogoutTokenError(`logout token rejected: ${error.code}`);
    throw error;
  }
  if (typ !== undefined && typ.toLowerCase() !== "logout+jwt" && typ.toLowerCase() !== "application/logout+jwt") {
    throw new LogoutTokenError("logout token has the wrong typ");
  }
  const events = payload.events;
  if (typeof events !== "object" || events === null || !(BACKCHANNEL_LOGOUT_EVENT in events)) {
    throw new LogoutTokenError("logout token has no back-channel logout event");
  }
  // A nonce means this is an ID token replayed as a logout token.
  if ("nonce" in payload) throw new LogoutTokenError("logout token must not carry a nonce");
  const sub = typeof payload.sub === "string" ? payload.sub : undefined;
  const sid = typeof payload.sid === "string" ? payload.sid : undefined;
  if (!sub && !sid) throw new LogoutTokenError("logout token names neither sub nor sid");
  const iat = payload.iat ?? 0;
  const exp = typeof payload.exp === "number" ? payload.exp : iat + MAX_TOKEN_AGE_SECONDS;
  return { jti: String(payload.jti), sub, sid, expiresAt: new Date(Math.max(exp, iat + MAX_TOKEN_AGE_SECONDS) * 1000 + 60_000) };
}

/** Verify, check replay, revoke. Returns how many app sessions ended. */
export async function handleLogoutToken(token: string, requestId: string): Promise<number> {
  const verified = await verifyLogoutToken(token);
  const { db } = await getDb();
  if (!(await recordLogoutToken(db, verified.jti, verified.expiresAt))) {
    throw new LogoutTokenError("logout token replayed");
  }
  const at = now();
  // By sid when CIS2 names one; sessions recorded without a sid (ID token had none) go by sub.
  const ended = verified.sid
    ? (await revokeSessionsBySid(db, verified.sid, "cis2-backchannel-logout", at)) +
      (verified.sub ? await revokeSessionsBySub(db, verified.sub, "cis2-backchannel-logout", at, { onlyWithoutSid: true }) : 0)
    : await revokeSessionsBySub(db, verified.sub ?? "", "cis2-backchannel-logout", at);
  // Other instances forget them on the store's session_revoked notification (migration 0010).
  forgetRevokedSessions();
  await recordAuditOrLog({
    action: AUDIT_ACTIONS.backchannelLogout,
    outcome: "success",
    actor: verified.sub ? { sub: verified.sub } : null,
    details: { ended, by: verified.sid ? "sid" : "sub" },
    requestId,
  });
  return ended;
}
