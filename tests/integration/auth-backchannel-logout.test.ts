import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffHarness, CookieJar, signInThroughBff, startBffHarness } from "@/server/auth/testing/bff-harness";

/**
 * Back-channel logout end to end: the CIS2 stand-in's admin route ends a user's CIS2 session and
 * POSTs a real logout token to the BFF; the very next BFF request must be unauthenticated. Then
 * hand-made tokens signed with the stand-in's own key check each verification rule.
 */

const EVENT = { "http://schemas.openid.net/event/backchannel-logout": {} };
let harness: BffHarness;
let keyDir: string;
let idpKey: CryptoKey;
let idpKid: string;

beforeAll(async () => {
  keyDir = mkdtempSync(path.join(tmpdir(), "lrm-bcl-"));
  const signingKeyPath = path.join(keyDir, "signing-key.json");
  harness = await startBffHarness({}, { signingKeyPath });
  const jwk = JSON.parse(readFileSync(signingKeyPath, "utf8")) as JWK;
  idpKey = (await importJWK(jwk, "RS256")) as CryptoKey;
  idpKid = jwk.kid ?? "";
});

afterAll(async () => {
  await harness?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

function extend(jar: CookieJar): Promise<Response> {
  return jar.fetch(new URL("/api/auth/session/extend", harness.baseUrl), { method: "POST", headers: { origin: harness.baseUrl } });
}

interface TokenOptions {
  claims?: Record<string, unknown>;
  drop?: string[];
  key?: CryptoKey;
  typ?: string | null;
  iatOffsetSeconds?: number;
}

async function logoutToken(options: TokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {
    iss: harness.standIn.issuer,
    aud: harness.standIn.relyingParty.clientId,
    sub: "900000000001",
    sid: `sid-${crypto.randomUUID()}`,
    jti: crypto.randomUUID(),
    events: EVENT,
    ...options.claims,
  };
  for (const name of options.drop ?? []) delete claims[name];
  const iat = Math.floor(Date.now() / 1000) + (options.iatOffsetSeconds ?? 0);
  const header: { alg: string; kid: string; typ?: string } = { alg: "RS256", kid: idpKid };
  if (options.typ !== null) header.typ = options.typ ?? "logout+jwt";
  return new SignJWT(claims)
    .setProtectedHeader(header)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 120)
    .sign(options.key ?? idpKey);
}

function postToken(token: string): Promise<Response> {
  return fetch(new URL("/api/auth/backchannel-logout", harness.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ logout_token: token }),
  });
}

async function sidOfSession(sub: string): Promise<string> {
  const { getDb } = await import("@/server/db/client");
  const { db } = await getDb();
  const row = await db
    .selectFrom("sessions")
    .select("sid")
    .where("sub", "=", sub)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  return row.sid ?? "";
}

describe("back-channel logout from the CIS2 stand-in", () => {
  it("ending the CIS2 session makes the very next BFF request 401", async () => {
    const jar = new CookieJar();
    await signInThroughBff(harness, jar, "900000000003");
    expect((await extend(jar)).status).toBe(200);
    const ended = await fetch(new URL("/_admin/end-session", harness.standIn.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "900000000003" }),
    });
    const result = (await ended.json()) as { backchannel: { delivered: boolean }[] };
    expect(result.backchannel).toEqual([expect.objectContaining({ delivered: true })]);
    const next = await extend(jar);
    expect(next.status).toBe(401);
    expect(((await next.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});

describe("logout token verification", () => {
  it("a valid token revokes the session named by sid, and the same token replayed is refused", async () => {
    const jar = new CookieJar();
    await signInThroughBff(harness, jar, "900000000001");
    const sid = await sidOfSession("900000000001");
    const token = await logoutToken({ claims: { sid } });
    expect((await postToken(token)).status).toBe(200);
    expect((await extend(jar)).status).toBe(401);
    expect((await postToken(token)).status).toBe(400);
  });

  it("a token naming only sub ends all of that user's sessions", async () => {
    const first = new CookieJar();
    const second = new CookieJar();
    await signInThroughBff(harness, first, "900000000004");
    await signInThroughBff(harness, second, "900000000004");
    expect((await postToken(await logoutToken({ claims: { sub: "900000000004" }, drop: ["sid"] }))).status).toBe(200);
    expect((await extend(first)).status).toBe(401);
    expect((await extend(second)).status).toBe(401);
  });

  it("a token without typ is accepted (CIS2 does not document it)", async () => {
    expect((await postToken(await logoutToken({ typ: null }))).status).toBe(200);
  });

  // Each bad token names the live session (sub + sid), so wrongly accepting it would end that session.
  const refusals: [string, (live: Record<string, unknown>) => Promise<string>][] = [
    ["carries a nonce", (live) => logoutToken({ claims: { ...live, nonce: "n-0S6_WzA2Mj" } })],
    ["has the wrong aud", (live) => logoutToken({ claims: { ...live, aud: "someone-else" } })],
    ["has the wrong iss", (live) => logoutToken({ claims: { ...live, iss: "http://127.0.0.1:1/other" } })],
    ["has no events claim", (live) => logoutToken({ claims: live, drop: ["events"] })],
    ["has the wrong event", (live) => logoutToken({ claims: { ...live, events: { "urn:other": {} } } })],
    ["has no jti", (live) => logoutToken({ claims: live, drop: ["jti"] })],
    ["is too old (iat ten minutes ago)", (live) => logoutToken({ claims: live, iatOffsetSeconds: -600 })],
    ["has typ JWT (an ID token, not a logout token)", (live) => logoutToken({ claims: live, typ: "JWT" })],
    [
      "is signed by another key",
      async (live) => {
        const { privateKey } = await generateKeyPair("RS256");
        return logoutToken({ claims: live, key: privateKey });
      },
    ],
    ["is not a JWT", async () => "not-a-jwt"],
  ];

  it.each(refusals)("refuses a token that %s (400) and revokes nothing", async (_label, makeToken) => {
    const jar = new CookieJar();
    await signInThroughBff(harness, jar, "900000000008");
    const sid = await sidOfSession("900000000008");
    expect(sid).not.toBe("");
    const response = await postToken(await makeToken({ sub: "900000000008", sid }));
    expect(response.status).toBe(400);
    expect((await extend(jar)).status).toBe(200);
  });

  it("refuses a token that names neither sub nor sid", async () => {
    expect((await postToken(await logoutToken({ drop: ["sub", "sid"] }))).status).toBe(400);
  });

  it("refuses a JSON body (the spec says form-encoded)", async () => {
    const response = await fetch(new URL("/api/auth/backchannel-logout", harness.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ logout_token: await logoutToken() }),
    });
    expect(response.status).toBe(415);
  });
});
