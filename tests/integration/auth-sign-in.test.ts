import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffHarness, CookieJar, form, signInThroughBff, startBffHarness } from "@/server/auth/testing/bff-harness";

/**
 * CIS2 sign-in through the real BFF route handlers (over loopback HTTP) and the real CIS2
 * stand-in: the callback must create a server-side session and a sealed cookie, permissions
 * must follow the selected role, and every refusal must end on our error page without a session.
 */

let harness: BffHarness;

beforeAll(async () => {
  harness = await startBffHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function sessionStatus(jar: CookieJar) {
  const response = await jar.fetch(new URL("/api/auth/session", harness.baseUrl));
  return (await response.json()) as { signedIn: boolean; endsAt?: number };
}

async function permissionsOf(sessionCookieHolder: CookieJar): Promise<string[]> {
  const { getDb } = await import("@/server/db/client");
  const { sessionIdFromSealed, sessionCookieName } = await import("@/server/auth/session-cookie");
  const cookie = sessionCookieHolder.header(new URL("/", harness.baseUrl));
  const sealed = cookie
    .split("; ")
    .find((pair) => pair.startsWith(`${sessionCookieName()}=`))
    ?.slice(sessionCookieName().length + 1);
  const sessionId = await sessionIdFromSealed(sealed ? decodeURIComponent(sealed) : undefined);
  if (!sessionId) return [];
  const { db } = await getDb();
  const row = await db.selectFrom("sessions").select(["permissions", "revoked_at"]).where("id", "=", sessionId).executeTakeFirst();
  return row && !row.revoked_at ? row.permissions : [];
}

describe("CIS2 sign-in through the BFF", () => {
  it("login redirects to CIS2 with PKCE, state, nonce, max_age, prompt=login, selectedrole and a Lax transaction cookie", async () => {
    const jar = new CookieJar();
    const response = await jar.fetch(new URL("/api/auth/login?returnTo=/patients", harness.baseUrl));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.href.startsWith(`${harness.standIn.issuer}/authorize`)).toBe(true);
    const params = location.searchParams;
    expect(params.get("redirect_uri")).toBe(`${harness.baseUrl}/api/auth/callback`);
    expect(params.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "nationalrbacaccess", "selectedrole"]));
    expect(params.get("prompt")).toBe("login");
    expect(params.get("max_age")).toBe("300");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("state")?.length).toBeGreaterThan(20);
    expect(params.get("nonce")?.length).toBeGreaterThan(20);
    const txCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("lrm_auth_tx="));
    expect(txCookie).toMatch(/HttpOnly/);
    expect(txCookie).toMatch(/SameSite=Lax/);
    expect(txCookie).toMatch(/Max-Age=600/);
  });

  it("single-role GP: callback sets the session cookie, lands on returnTo, and the session carries the GP's permissions", async () => {
    const jar = new CookieJar();
    const { callback, destination } = await signInThroughBff(harness, jar, "900000000001");
    expect(callback.status).toBe(302);
    const cookies = callback.headers.getSetCookie();
    const sessionCookie = cookies.find((cookie) => cookie.startsWith("lrm_session="));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(cookies.some((cookie) => cookie.startsWith("lrm_auth_tx=;"))).toBe(true);
    expect(destination.pathname).toBe("/");
    expect((await sessionStatus(jar)).signedIn).toBe(true);
    expect(await permissionsOf(jar)).toEqual([
      "lr.view",
      "lr.viewComplete",
      "lr.selfClaim",
      "lr.create",
      "lr.changeStatus",
      "lr.emergencyView",
    ]);
  });

  it("signing in in a second browser ends the first browser's session (one active session per user)", async () => {
    const first = new CookieJar();
    const second = new CookieJar();
    await signInThroughBff(harness, first, "900000000001");
    expect((await sessionStatus(first)).signedIn).toBe(true);
    await signInThroughBff(harness, second, "900000000001");
    expect((await sessionStatus(second)).signedIn).toBe(true);
    expect((await sessionStatus(first)).signedIn).toBe(false);
  });

  it("the returnTo of a sign-in can never leave LR Manager (control characters, //, backslashes)", async () => {
    for (const returnTo of ["/\t/evil.example/phish", "//evil.example", "/\\evil.example"]) {
      const jar = new CookieJar();
      const { destination } = await signInThroughBff(harness, jar, "900000000001", { returnTo });
      expect(destination.origin).toBe(new URL(harness.baseUrl).origin);
      expect(destination.pathname).toBe("/");
    }
  });

  it("two-role nurse picks the role without LR permissions: session exists but lands on the role-not-permitted page", async () => {
    const jar = new CookieJar();
    const { destination } = await signInThroughBff(harness, jar, "900000000002", { roleId: "900000000202" });
    expect(destination.pathname).toBe("/role-not-permitted");
    expect(await permissionsOf(jar)).toEqual([]);
  });

  it("Change role re-authenticates with changedrole and swaps permissions at once; the old session is revoked", async () => {
    const jar = new CookieJar();
    await signInThroughBff(harness, jar, "900000000002", { roleId: "900000000202" });
    const before = jar.header(new URL("/", harness.baseUrl));
    const start = await jar.fetch(new URL("/api/auth/change-role", harness.baseUrl));
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("scope")?.split(" ")).toContain("changedrole");
    expect(authorize.searchParams.get("prompt")).toBe("login");
    const { destination } = await signInThroughBff(harness, jar, "900000000002", { roleId: "900000000201", start: "change-role" });
    expect(destination.pathname).toBe("/");
    expect(await permissionsOf(jar)).toEqual(["lr.view", "lr.selfClaim"]);
    // The pre-change cookie is dead.
    const old = await fetch(new URL("/api/auth/session", harness.baseUrl), { headers: { cookie: before } });
    expect(((await old.json()) as { signedIn: boolean }).signedIn).toBe(false);
  });

  it("seven-role locum picks role 706 (emergency and legal override)", async () => {
    const jar = new CookieJar();
    const { destination } = await signInThroughBff(harness, jar, "900000000007", { roleId: "900000000706" });
    expect(destination.pathname).toBe("/");
    expect(await permissionsOf(jar)).toEqual(["lr.view", "lr.selfClaim", "lr.emergencyView"]);
  });

  it("AAL1-only user is refused by CIS2; cancelling returns to our sign-in error page with no session", async () => {
    const jar = new CookieJar();
    const login = await jar.fetch(new URL("/api/auth/login", harness.baseUrl));
    const authorize = await jar.fetch(new URL(login.headers.get("location") ?? ""));
    const interaction = new URL(authorize.headers.get("location") ?? "", authorize.url || harness.standIn.url);
    const interactionUrl = new URL(interaction.pathname, harness.standIn.url);
    await (await jar.fetch(interactionUrl)).arrayBuffer();
    const refused = await jar.fetch(new URL(`${interactionUrl.pathname}/login`, interactionUrl), form({ accountId: "900000000009" }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/not strong enough/);
    let next = await jar.fetch(new URL(`${interactionUrl.pathname}/abort`, interactionUrl), form({}));
    for (let hop = 0; hop < 5 && !next.headers.get("location")?.startsWith(harness.baseUrl); hop++) {
      next = await jar.fetch(new URL(next.headers.get("location") ?? "", harness.standIn.url));
    }
    const callback = await jar.fetch(new URL(next.headers.get("location") ?? ""));
    expect(new URL(callback.headers.get("location") ?? "").pathname + new URL(callback.headers.get("location") ?? "").search).toBe(
      "/sign-in-error?reason=cancelled",
    );
    expect(callback.headers.getSetCookie().some((cookie) => cookie.startsWith("lrm_session="))).toBe(false);
  });

  it("a callback without our transaction cookie is refused (login CSRF / replayed code)", async () => {
    const jar = new CookieJar();
    const response = await jar.fetch(new URL("/api/auth/callback?code=abc&state=xyz", harness.baseUrl));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${harness.baseUrl}/sign-in-error?reason=expired`);
  });

  it("a callback whose state does not match the transaction is refused", async () => {
    const jar = new CookieJar();
    await jar.fetch(new URL("/api/auth/login", harness.baseUrl));
    const response = await jar.fetch(new URL("/api/auth/callback?code=abc&state=not-the-state", harness.baseUrl));
    expect(response.headers.get("location")).toBe(`${harness.baseUrl}/sign-in-error?reason=failed`);
  });

  it("sign-in and refusal are audited", async () => {
    const { getDb } = await import("@/server/db/client");
    const { listAuditEvents } = await import("@/server/db/audit-events");
    const { db } = await getDb();
    const events = await listAuditEvents(db, { limit: 1000 });
    const actions = new Set(events.map((event) => event.action));
    expect(actions).toContain("auth.sign-in");
    expect(actions).toContain("auth.role-change");
    expect(actions).toContain("auth.sign-in-refused");
  });
});
