/**
 * Loopback-only admin routes for trainers and tests:
 *   POST /_admin/end-session  {"sub": "..."} or {"sid": "..."}
 *     ends the matching CIS2 session(s), revokes their grants and fires back-channel logout to
 *     every RP that took part (as CIS2 does when a user signs out centrally).
 *   GET  /_admin/sessions     lists live sessions (accountId, clientId, sid).
 *
 * Caller check: the socket's remote address must be loopback AND the request must carry no
 * proxy forwarding header (Forwarded, X-Forwarded-For, X-Real-IP). A reverse proxy on the same
 * host would make every caller look local; its forwarding header gives it away, so such requests
 * are refused too.
 */
import type { IncomingMessage } from "node:http";
import type { Provider } from "oidc-provider";
import { BodyTooLargeError, readBody, sendJson } from "./http-util";
import type { StandInStore } from "./memory-store";
import type { StandInRequest } from "./stand-in-request";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === "::1" || address === "0:0:0:0:0:0:0:1";
}

export function isLoopbackCaller(req: Pick<IncomingMessage, "headers" | "socket">): boolean {
  if (FORWARDING_HEADERS.some((header) => req.headers[header] !== undefined)) return false;
  return isLoopbackAddress(req.socket.remoteAddress);
}

export interface BackchannelDelivery {
  clientId: string;
  sid: string;
  delivered: boolean;
  error?: string;
}

/** Models whose entries belong to a grant and must go when the CIS2 session ends. */
const GRANT_BOUND_MODELS = ["AccessToken", "AuthorizationCode", "RefreshToken"];

export async function endSessions(
  provider: Provider,
  store: StandInStore,
  match: { sub?: string; sid?: string },
): Promise<{ ended: number; backchannel: BackchannelDelivery[] }> {
  const sessions = store.findSessions(match);
  const backchannel: BackchannelDelivery[] = [];
  for (const session of sessions) {
    for (const [clientId, { sid, grantId }] of Object.entries(session.authorizations)) {
      const client = await provider.Client.find(clientId);
      if (client && sid) {
        try {
          await client.backchannelLogout(session.accountId, sid);
          backchannel.push({ clientId, sid, delivered: true });
        } catch (error) {
          backchannel.push({ clientId, sid, delivered: false, error: (error as Error).message });
        }
      }
      if (grantId) {
        for (const model of GRANT_BOUND_MODELS) await store.adapterFor(model).revokeByGrantId(grantId);
        await store.adapterFor("Grant").destroy(grantId);
      }
    }
    await store.adapterFor("Session").destroy(session.sessionId);
  }
  return { ended: sessions.length, backchannel };
}

function parseMatch(body: string): { sub?: string; sid?: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { sub, sid } = parsed as Record<string, unknown>;
  const match: { sub?: string; sid?: string } = {};
  if (typeof sub === "string" && sub !== "") match.sub = sub;
  if (typeof sid === "string" && sid !== "") match.sid = sid;
  return match.sub || match.sid ? match : undefined;
}

export async function handleAdmin({ provider, store, req, res, url }: StandInRequest): Promise<void> {
  if (!isLoopbackCaller(req)) return sendJson(res, 403, { error: "forbidden", error_description: "loopback only" });

  if (url.pathname === "/_admin/sessions") {
    if (req.method !== "GET") return sendJson(res, 405, { error: "method_not_allowed" });
    const sessions = store.findAllSessions().map((session) => ({
      accountId: session.accountId,
      clients: Object.entries(session.authorizations).map(([clientId, { sid }]) => ({ clientId, sid })),
    }));
    return sendJson(res, 200, { sessions });
  }

  if (url.pathname === "/_admin/end-session") {
    if (req.method !== "POST") return sendJson(res, 405, { error: "method_not_allowed" });
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      return sendJson(res, 415, { error: "unsupported_media_type", error_description: "send application/json" });
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: "payload_too_large" });
      throw error;
    }
    const match = parseMatch(body);
    if (!match) return sendJson(res, 400, { error: "invalid_request", error_description: 'send {"sub": …} or {"sid": …}' });
    const result = await endSessions(provider, store, match);
    if (result.ended === 0) return sendJson(res, 404, { error: "no_session", ...result });
    return sendJson(res, 200, result);
  }

  return sendJson(res, 404, { error: "not_found" });
}
