import "server-only";
import { canUseService, decideRolePermissions } from "@/lib/rbac/role-permissions";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAuditOrLog } from "@/server/audit/record-audit";
import { config } from "@/server/config";
import { getDb } from "@/server/db/client";
import { createSession, revokeSession, revokeSessionsBySub } from "@/server/db/sessions";
import { requestLogger } from "@/server/log/logger";
import { assurancePolicy, checkAssurance } from "./assurance-check";
import { clearTransactionCookieHeader, readTransaction } from "./auth-transaction";
import { callbackUrl } from "./begin-sign-in";
import { cis2Configuration, client } from "./cis2-client";
import { cis2UserInfoSchema, roleSnapshotOf, selectedRoleOf } from "./cis2-userinfo";
import { now } from "./clock";
import { sessionCookieHeader, sessionIdFromRequest } from "./session-cookie";
import { sessionLimits } from "./session-policy";
import { forgetRevokedSessions } from "./session-record";
import type { SignInProblem } from "./sign-in-problems";

/**
 * The CIS2 callback: code exchange (PKCE, state, nonce, max_age checked by openid-client), our
 * own assurance checks, userinfo, `selected_roleid` must be one of the user's roles, then the
 * permissions of that role and a brand-new session record (a new id on every sign-in and role
 * change, so a fixed or stolen pre-sign-in id is worthless). Every outcome is a redirect.
 */

function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location: new URL(location, config().APP_BASE_URL).href, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

function problem(reason: SignInProblem): Response {
  return redirect(`/sign-in-error?reason=${reason}`, [clearTransactionCookieHeader()]);
}

export async function completeSignIn(request: Request, requestId: string): Promise<Response> {
  const log = requestLogger(requestId);
  const transaction = await readTransaction(request);
  if (!transaction) return problem("expired");
  const search = new URL(request.url).search;
  const returned = new URLSearchParams(search);

  const refused = async (reason: SignInProblem, details: Record<string, unknown>, actorSub?: string) => {
    await recordAuditOrLog({
      action: AUDIT_ACTIONS.signInRefused,
      outcome: "denied",
      actor: actorSub ? { sub: actorSub } : null,
      details: { reason, ...details },
      requestId,
    });
    return problem(reason);
  };

  // CIS2 came back with an error (user cancelled, no role, assurance refused at CIS2).
  const cis2Error = returned.get("error");
  if (cis2Error) return refused("cancelled", { error: cis2Error.slice(0, 100) });

  let configuration: Awaited<ReturnType<typeof cis2Configuration>>;
  try {
    configuration = await cis2Configuration();
  } catch (error) {
    log.error({ err: error }, "CIS2 discovery failed at the callback");
    return refused("unavailable", { step: "discovery" });
  }
  // The current URL as CIS2 sees it: our configured callback URL plus the returned query.
  const currentUrl = new URL(`${callbackUrl()}${search}`);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
      maxAge: assurancePolicy.maxAuthAgeSeconds,
    });
  } catch (error) {
    log.warn({ err: error }, "CIS2 code exchange failed");
    return refused("failed", { step: "code-exchange" });
  }
  const claims = tokens.claims();
  if (!claims) return refused("failed", { step: "id-token" });
  const sub = claims.sub;

  const assurance = checkAssurance(claims, Math.floor(Date.now() / 1000));
  if (!assurance.ok) return refused("assurance", { refusal: assurance.refusal, acr: claims.acr ?? null }, sub);

  let userInfo: ReturnType<typeof cis2UserInfoSchema.parse>;
  try {
    userInfo = cis2UserInfoSchema.parse(await client.fetchUserInfo(configuration, tokens.access_token, sub));
  } catch (error) {
    log.warn({ err: error }, "CIS2 userinfo failed");
    return refused("failed", { step: "userinfo" }, sub);
  }

  const selection = selectedRoleOf(userInfo, claims.selected_roleid);
  if (!selection.ok) return refused(selection.problem, { selectedRoleId: claims.selected_roleid ?? null }, sub);
  const role = selection.role;

  const decision = decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes ?? [] });
  const { db } = await getDb();
  const signedInAt = now();
  const previousSessionId = await sessionIdFromRequest(request);
  if (previousSessionId)
    await revokeSession(db, previousSessionId, transaction.purpose === "change-role" ? "role-changed" : "signed-in-again", signedInAt);
  // One active session per user (ASVS 7.1.2): a sign-in elsewhere ends the others.
  await revokeSessionsBySub(db, sub, "signed-in-elsewhere", signedInAt);
  forgetRevokedSessions();

  const session = await createSession(db, {
    sub,
    sid: typeof claims.sid === "string" ? claims.sid : null,
    selectedRoleId: role.person_roleid,
    roleSnapshot: roleSnapshotOf(userInfo, role, decision.effectiveActivities),
    permissions: decision.permissions,
    // Not kept: sign-out does not go through CIS2's end-session page, so the ID token is never needed.
    idTokenHint: null,
    expiresAt: new Date(signedInAt.getTime() + sessionLimits().absoluteLimitMs),
    now: signedInAt,
  });
  await recordAuditOrLog({
    action: transaction.purpose === "change-role" ? AUDIT_ACTIONS.roleChange : AUDIT_ACTIONS.signIn,
    outcome: "success",
    actor: { sub, roleProfileId: role.person_roleid, orgCode: role.org_code, sessionId: session.id },
    details: { permissions: decision.permissions, acr: claims.acr ?? null },
    requestId,
  });
  const destination = canUseService(decision.permissions) ? transaction.returnTo : "/role-not-permitted";
  return redirect(destination, [await sessionCookieHeader(session.id), clearTransactionCookieHeader()]);
}
