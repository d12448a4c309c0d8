/**
 * The admin routes refuse anyone who is not a direct loopback caller.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackCaller } from "./admin";
import { type Cis2StandIn, startCis2StandIn } from "./server";

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["192.168.1.20", false],
    ["::ffff:10.0.0.5", false],
    ["203.0.113.7", false],
    ["1270.0.0.1", false],
    ["fe80::1", false],
    ["", false],
    [undefined, false],
  ])("%s -> %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe("isLoopbackCaller", () => {
  const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
    isLoopbackCaller({ headers, socket: { remoteAddress } } as unknown as Parameters<typeof isLoopbackCaller>[0]);

  it("accepts a direct loopback caller and refuses remote ones", () => {
    expect(from("127.0.0.1")).toBe(true);
    expect(from("198.51.100.4")).toBe(false);
  });

  it("refuses a loopback socket that relays a forwarded request", () => {
    expect(from("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBe(false);
    expect(from("127.0.0.1", { forwarded: "for=203.0.113.9" })).toBe(false);
    expect(from("::1", { "x-real-ip": "203.0.113.9" })).toBe(false);
  });
});

describe("admin routes over HTTP", () => {
  let standIn: Cis2StandIn;
  beforeAll(async () => {
    standIn = await startCis2StandIn({ port: 0, log: () => {} });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  const endSession = (init: RequestInit) => fetch(`${standIn.url}/_admin/end-session`, init);

  it("refuses a request forwarded on behalf of a non-loopback client", async () => {
    const response = await endSession({
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ sub: "900000000001" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
    const sessions = await fetch(`${standIn.url}/_admin/sessions`, { headers: { forwarded: "for=203.0.113.9" } });
    expect(sessions.status).toBe(403);
  });

  it("checks method, media type, body and size", async () => {
    expect((await endSession({ method: "GET" })).status).toBe(405);
    expect((await endSession({ method: "POST", headers: { "content-type": "text/plain" }, body: "x" })).status).toBe(415);
    const json = { "content-type": "application/json" };
    expect((await endSession({ method: "POST", headers: json, body: "{not json" })).status).toBe(400);
    expect((await endSession({ method: "POST", headers: json, body: JSON.stringify({ sub: "x".repeat(20_000) }) })).status).toBe(413);
    expect((await fetch(`${standIn.url}/_admin/other`)).status).toBe(404);
  });

  it("lists no sessions on a fresh stand-in", async () => {
    const response = await fetch(`${standIn.url}/_admin/sessions`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sessions: [] });
  });
});
