import { sealData } from "iron-session";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BffHarness, CookieJar, signInThroughBff, startBffHarness } from "@/server/auth/testing/bff-harness";

/**
 * Session rules through the real route handlers: idle (15 min) and absolute (12 h) limits with a
 * controllable clock, the passive status poll, logout, and refused cookies and origins.
 */

const MINUTE = 60_000;
let harness: BffHarness;
let clockMs = Date.now();
let setClock: (source: (() => number) | undefined) => void;

beforeAll(async () => {
  harness = await startBffHarness();
  ({ setClockForTests: setClock } = await import("@/server/auth/clock"));
  setClock(() => clockMs);
});

afterEach(() => {
  clockMs = Date.now();
});

afterAll(async () => {
  setClock?.(undefined);
  await harness?.close();
});

type Status = { signedIn: boolean; now: number; endsAt?: number; absoluteFirst?: boolean; warningMs?: number };

async function status(jar: CookieJar): Promise<Status> {
  return (await (await jar.fetch(new URL("/api/auth/session", harness.baseUrl))).json()) as Status;
}

function extend(jar: CookieJar, origin = harness.baseUrl): Promise<Response> {
  return jar.fetch(new URL("/api/auth/session/extend", harness.baseUrl), { method: "POST", headers: { origin } });
}

async function signedInJar(uid = "900000000001"): Promise<CookieJar> {
  const jar = new CookieJar();
  await signInThroughBff(harness, jar, uid);
  return jar;
}

function sessionCookieValue(jar: CookieJar): string {
  const pair = jar
    .header(new URL("/", harness.baseUrl))
    .split("; ")
    .find((part) => part.startsWith("lrm_session="));
  return decodeURIComponent(pair?.slice("lrm_session=".length) ?? "");
}

function withCookie(value: string): RequestInit {
  return { method: "POST", headers: { origin: harness.baseUrl, cookie: `lrm_session=${encodeURIComponent(value)}` } };
}

describe("idle timeout (15 minutes, warning 2 minutes before)", () => {
  it("status shows the warning window, Stay signed in extends, and expiry signs out", async () => {
    const jar = await signedInJar();
    const start = clockMs;
    clockMs = start + 13.5 * MINUTE;
    const warning = await status(jar);
    expect(warning.signedIn).toBe(true);
    expect((warning.endsAt ?? 0) - warning.now).toBe(1.5 * MINUTE);
    expect((warning.endsAt ?? 0) - warning.now).toBeLessThanOrEqual(warning.warningMs ?? 0);

    const extended = await extend(jar);
    expect(extended.status).toBe(200);
    const after = (await extended.json()) as Status;
    expect((after.endsAt ?? 0) - after.now).toBe(15 * MINUTE);

    clockMs = start + 13.5 * MINUTE + 15 * MINUTE + 1;
    expect((await status(jar)).signedIn).toBe(false);
    expect((await extend(jar)).status).toBe(401);
  });

  it("activity is written at most once a minute: a request within the minute leaves the idle timer where it was", async () => {
    const jar = await signedInJar();
    const start = clockMs;
    clockMs = start + 30_000;
    const soon = (await (await extend(jar)).json()) as Status;
    expect((soon.endsAt ?? 0) - soon.now).toBe(15 * MINUTE - 30_000);
    clockMs = start + MINUTE + 1_000;
    const later = (await (await extend(jar)).json()) as Status;
    expect((later.endsAt ?? 0) - later.now).toBe(15 * MINUTE);
  });

  it("polling the status does not count as activity", async () => {
    const jar = await signedInJar();
    const start = clockMs;
    for (const minutes of [5, 10, 14]) {
      clockMs = start + minutes * MINUTE;
      expect((await status(jar)).signedIn).toBe(true);
    }
    clockMs = start + 15 * MINUTE + 1;
    expect((await status(jar)).signedIn).toBe(false);
  });
});

describe("absolute limit (12 hours)", () => {
  it("ends the session at 12 h even when the user is active every 14 minutes", async () => {
    const jar = await signedInJar();
    const start = clockMs;
    let lastOk = start;
    // Bounded: 12 h / 14 min = 52 steps, plus a few.
    for (let step = 1; step <= 60; step++) {
      clockMs = start + step * 14 * MINUTE;
      const response = await extend(jar);
      if (response.status !== 200) break;
      lastOk = clockMs;
      const body = (await response.json()) as Status;
      if (clockMs > start + 11.9 * 3_600_000) expect(body.absoluteFirst).toBe(true);
    }
    expect(lastOk).toBeLessThan(start + 12 * 3_600_000);
    expect(lastOk).toBeGreaterThan(start + 12 * 3_600_000 - 14 * MINUTE - 1);
    expect((await status(jar)).signedIn).toBe(false);
  });
});

describe("refused cookies", () => {
  it("a forged cookie (random value) is not a session", async () => {
    const response = await fetch(new URL("/api/auth/session/extend", harness.baseUrl), withCookie("Fe26.2**forged**value"));
    expect(response.status).toBe(401);
  });

  it("a tampered cookie (one character changed) is not a session", async () => {
    const jar = await signedInJar();
    const sealed = sessionCookieValue(jar);
    expect((await fetch(new URL("/api/auth/session/extend", harness.baseUrl), withCookie(sealed))).status).toBe(200);
    const index = Math.floor(sealed.length / 2);
    const tampered = sealed.slice(0, index) + (sealed[index] === "A" ? "B" : "A") + sealed.slice(index + 1);
    expect((await fetch(new URL("/api/auth/session/extend", harness.baseUrl), withCookie(tampered))).status).toBe(401);
  });

  it("a cookie sealed with another password, naming a real session id, is not a session", async () => {
    const jar = await signedInJar();
    const { sessionIdFromSealed } = await import("@/server/auth/session-cookie");
    const sessionId = await sessionIdFromSealed(sessionCookieValue(jar));
    expect(sessionId).toBeDefined();
    const forged = await sealData({ sessionId }, { password: "an-attacker-password-0123456789abcdef", ttl: 3600 });
    expect((await fetch(new URL("/api/auth/session/extend", harness.baseUrl), withCookie(forged))).status).toBe(401);
  });

  it("the cookie of a logged-out (revoked) session is refused", async () => {
    const jar = await signedInJar();
    const sealed = sessionCookieValue(jar);
    const logout = await jar.fetch(new URL("/api/auth/logout", harness.baseUrl), { method: "POST", headers: { origin: harness.baseUrl } });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("location")).toBe(`${harness.baseUrl}/signed-out?reason=logout`);
    expect(logout.headers.getSetCookie().some((cookie) => /^lrm_session=;.*Max-Age=0/.test(cookie))).toBe(true);
    expect((await fetch(new URL("/api/auth/session/extend", harness.baseUrl), withCookie(sealed))).status).toBe(401);
  });
});

describe("the session cache (one session read per request, most requests none)", () => {
  it("a session revoked in the store by anyone ends its very next request, though this instance had it cached", async () => {
    const { getDb } = await import("@/server/db/client");
    const { sessionCacheActive } = await import("@/server/auth/session-record");
    const jar = await signedInJar();
    for (let i = 0; i < 3; i++) expect((await status(jar)).signedIn).toBe(true);
    expect(sessionCacheActive()).toBe(true);
    const { db } = await getDb();
    const { sql } = await import("kysely");
    const sessionId = (
      await sql<{ id: string }>`select id from sessions where revoked_at is null order by created_at desc limit 1`.execute(db)
    ).rows[0]?.id;
    expect(sessionId).toBeDefined();
    // An operator's UPDATE: no app code is told; the store's session_revoked notification is.
    await sql`update sessions set revoked_at = now(), revoked_reason = 'operator' where id = ${sessionId}`.execute(db);
    expect((await status(jar)).signedIn).toBe(false);
    expect((await extend(jar)).status).toBe(401);
  });
});

describe("cross-origin state changes", () => {
  it("a cross-origin POST is refused even with a valid session", async () => {
    const jar = await signedInJar();
    expect((await extend(jar, "https://evil.example")).status).toBe(403);
  });

  it("a cross-origin logout does not end the session", async () => {
    const jar = await signedInJar();
    const response = await jar.fetch(new URL("/api/auth/logout", harness.baseUrl), {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect((await extend(jar)).status).toBe(200);
  });

  it("a refused cross-origin POST does not reset the idle timer", async () => {
    const jar = await signedInJar();
    const start = clockMs;
    clockMs = start + 10 * MINUTE;
    expect((await extend(jar, "https://evil.example")).status).toBe(403);
    clockMs = start + 15 * MINUTE + 1;
    expect((await status(jar)).signedIn).toBe(false);
  });

  it("Log out as an HTML form post (Origin: null) works only with Sec-Fetch-Site: same-origin", async () => {
    const jar = await signedInJar();
    const logout = (headers: Record<string, string>) =>
      jar.fetch(new URL("/api/auth/logout", harness.baseUrl), { method: "POST", headers });
    expect((await logout({ origin: "null", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await logout({ origin: "null" })).status).toBe(403);
    expect((await extend(jar)).status).toBe(200);
    expect((await logout({ origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(303);
    expect((await extend(jar)).status).toBe(401);
  });

  it("a POST with neither Origin nor Sec-Fetch-Site is refused", async () => {
    const jar = await signedInJar();
    const response = await jar.fetch(new URL("/api/auth/session/extend", harness.baseUrl), { method: "POST" });
    expect(response.status).toBe(403);
  });
});

describe("test clock endpoint", () => {
  it("is a 404 unless LRM_TEST_CLOCK=1", async () => {
    const response = await fetch(new URL("/api/auth/test-clock", harness.baseUrl), {
      method: "POST",
      headers: { origin: harness.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ offsetMs: 60_000 }),
    });
    expect(response.status).toBe(404);
  });
});
