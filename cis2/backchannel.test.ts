/**
 * Back-channel logout to a small real HTTP receiver on loopback, verified with jose against the
 * stand-in's JWKS the way the BFF must (docs/domain.md §9.3).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Cis2StandIn, startCis2StandIn } from "./server";
import { form } from "./test-support/cookie-jar";
import { buildAuthRequest, CookieJar, client, discoverRp, redeem, signIn } from "./test-support/flow";

const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

let receiver: Server;
let received: string[] = [];
let receiverStatus = 200;
let standIn: Cis2StandIn;
let config: client.Configuration;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (req.method === "POST" && req.headers["content-type"] === "application/x-www-form-urlencoded") {
        received.push(body.get("logout_token") ?? "");
      }
      res.writeHead(receiverStatus, { "cache-control": "no-store" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  standIn = await startCis2StandIn({
    port: 0,
    log: () => {},
    client: { backchannelLogoutUri: `http://127.0.0.1:${port}/api/auth/backchannel-logout` },
  });
  config = await discoverRp(standIn);
});
afterAll(async () => {
  await standIn?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  receiverStatus = 200;
});

async function signedIn(accountId: string, roleId?: string) {
  const jar = new CookieJar();
  const request = await buildAuthRequest(config);
  const tokens = await redeem(config, await signIn(jar, request.url, accountId, roleId), request);
  const claims = tokens.claims();
  if (!claims || typeof claims.sid !== "string") throw new Error("ID token without sid");
  return { jar, tokens, sid: claims.sid };
}

async function verifyLogoutToken(token: string) {
  const jwks = createRemoteJWKSet(new URL(`${standIn.issuer}/connect/jwk_uri`));
  return jwtVerify(token, jwks, {
    issuer: standIn.issuer,
    audience: "lr-manager",
    typ: "logout+jwt",
    algorithms: ["RS256"],
    maxTokenAge: "2 minutes",
    requiredClaims: ["iat", "jti", "events", "sid"],
  });
}

function adminEndSession(body: unknown) {
  return fetch(`${standIn.url}/_admin/end-session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("back-channel logout", () => {
  it("admin end-session by sub posts a logout_token that verifies against the JWKS", async () => {
    const { tokens, sid } = await signedIn("900000000003");
    const response = await adminEndSession({ sub: "900000000003" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ended: 1,
      backchannel: [{ clientId: "lr-manager", sid, delivered: true }],
    });

    expect(received).toHaveLength(1);
    const token = received[0] ?? "";
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", typ: "logout+jwt" });
    const { payload } = await verifyLogoutToken(token);
    expect(payload.sub).toBe("900000000003");
    expect(payload.sid).toBe(sid);
    expect(payload.events).toEqual({ [BACKCHANNEL_EVENT]: {} });
    expect(payload).not.toHaveProperty("nonce");

    // The CIS2 session's grant is gone, so its access token no longer works at userinfo.
    const afterwards = await client.fetchUserInfo(config, tokens.access_token, "900000000003").catch((error: unknown) => error);
    expect(afterwards).toBeInstanceOf(Error);
  });

  it("admin end-session by sid ends only that session", async () => {
    const nurse = await signedIn("900000000002", "900000000201");
    await signedIn("900000000001");
    const response = await adminEndSession({ sid: nurse.sid });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    const { payload } = await verifyLogoutToken(received[0] ?? "");
    expect(payload.sub).toBe("900000000002");

    const sessions = (await (await fetch(`${standIn.url}/_admin/sessions`)).json()) as {
      sessions: { accountId: string }[];
    };
    expect(sessions.sessions.map((session) => session.accountId)).toContain("900000000001");
    expect(sessions.sessions.map((session) => session.accountId)).not.toContain("900000000002");
    await adminEndSession({ sub: "900000000001" });
  });

  it("reports a failed delivery when the RP does not answer 200/204", async () => {
    await signedIn("900000000004");
    receiverStatus = 500;
    const response = await adminEndSession({ sub: "900000000004" });
    const result = (await response.json()) as { backchannel: { delivered: boolean; error?: string }[] };
    expect(result.backchannel[0]?.delivered).toBe(false);
    expect(result.backchannel[0]?.error).toMatch(/500/);
  });

  it("answers 404 when there is no such session and 400 for a body without sub or sid", async () => {
    expect((await adminEndSession({ sub: "900000000099" })).status).toBe(404);
    expect((await adminEndSession({ who: "me" })).status).toBe(400);
    expect(received).toHaveLength(0);
  });

  it("RP-initiated sign-out at /connect/endSession also fires back-channel logout", async () => {
    const { jar, tokens, sid } = await signedIn("900000000008");
    const endSessionUrl = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? "",
      post_logout_redirect_uri: "http://127.0.0.1:3000/",
    });
    const confirm = await jar.fetch(endSessionUrl);
    const html = await confirm.text();
    expect(html).toContain("<h1>Do you want to sign out of CIS2?</h1>");
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !xsrf) throw new Error("logout form not found");
    const done = await jar.fetch(new URL(action, endSessionUrl), form({ xsrf, logout: "yes" }));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("http://127.0.0.1:3000/");

    expect(received).toHaveLength(1);
    const { payload } = await verifyLogoutToken(received[0] ?? "");
    expect(payload.sid).toBe(sid);
  });
});
