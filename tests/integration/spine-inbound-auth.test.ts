import { afterAll, describe, expect, it, vi } from "vitest";

// The TLS terminator's verdict on Spine's client certificate arrives in this header (live mode
// requires it; in training the run command makes a random value per run and gives it to the simulator).
process.env.SPINE_INBOUND_AUTH_HEADER = "x-client-verify";
process.env.SPINE_INBOUND_AUTH_VALUE = "SUCCESS";
process.env.APP_DB_IN_MEMORY = "1";
process.env.LOG_LEVEL = "silent";
const { POST } = await import("@/app/api/spine/inbound/route");
const { closeDb } = await import("@/server/db/client");

afterAll(async () => {
  await closeDb();
});

/**
 * A request whose body records whether anything read it: the route must decide on the caller from
 * its headers alone, so a refused caller's body is never pulled (not even its first chunk).
 */
function recordingRequest(headers: Record<string, string>): { request: Request; pulled: () => boolean } {
  let pulled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled = true;
        controller.enqueue(new TextEncoder().encode("x".repeat(1000)));
        controller.close();
      },
    },
    // No read-ahead: pull() runs only when something reads the body.
    { highWaterMark: 0 },
  );
  const request = new Request("http://127.0.0.1:3000/api/spine/inbound", {
    method: "POST",
    headers: { "content-type": "text/xml", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

const post = (route: typeof POST, request: Request) => route(request, { params: Promise.resolve({}) });

describe("POST /api/spine/inbound caller check", () => {
  it.each([
    ["no credential header", {}],
    ["a wrong credential", { "x-client-verify": "FAILED" }],
    ["the right value in another header", { "x-client-verified": "SUCCESS" }],
    ["an empty credential", { "x-client-verify": "" }],
  ])("refuses %s with 401, before the body is read", async (_label, headers) => {
    const { request, pulled } = recordingRequest(headers);
    const refused = await post(POST, request);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthenticated");
    expect(pulled()).toBe(false);
    expect(request.bodyUsed).toBe(false);
  });

  it("lets a verified caller through to the ebXML reader (which does read the body)", async () => {
    const { request, pulled } = recordingRequest({ "x-client-verify": "SUCCESS" });
    const response = await post(POST, request);
    expect(response.status).toBe(400); // reached the reader: the body is not ebXML
    expect(await response.text()).toContain("Not a readable ebXML message");
    expect(pulled()).toBe(true); // the recording body does notice a read
  }, 60_000);
});

describe("POST /api/spine/inbound with no credential configured (outside live mode)", () => {
  it("refuses every caller with 401, whatever it sends, instead of accepting all", async () => {
    delete process.env.SPINE_INBOUND_AUTH_HEADER;
    delete process.env.SPINE_INBOUND_AUTH_VALUE;
    vi.resetModules(); // a fresh config(): the variables are read once per process
    const fresh = await import("@/app/api/spine/inbound/route");
    const { config } = await import("@/server/config");
    expect(config().LR_MODE).toBe("training");
    expect(config().spineInboundAuth).toBeUndefined();
    const attempts: Array<Record<string, string>> = [{}, { "x-client-verify": "SUCCESS" }, { "x-lrm-spine-credential": "anything" }];
    for (const headers of attempts) {
      const { request, pulled } = recordingRequest(headers);
      const refused = await post(fresh.POST, request);
      expect(refused.status).toBe(401);
      expect(pulled()).toBe(false);
    }
  });
});
