import { afterAll, expect, it } from "vitest";

// The TLS terminator's verdict on Spine's client certificate arrives in this header (live mode requires it).
process.env.SPINE_INBOUND_AUTH_HEADER = "x-client-verify";
process.env.SPINE_INBOUND_AUTH_VALUE = "SUCCESS";
process.env.APP_DB_IN_MEMORY = "1";
const { POST } = await import("@/app/api/spine/inbound/route");
const { closeDb } = await import("@/server/db/client");

afterAll(async () => {
  await closeDb();
});

const post = (headers: Record<string, string>) =>
  POST(
    new Request("http://127.0.0.1:3000/api/spine/inbound", {
      method: "POST",
      headers: { "content-type": "text/xml", ...headers },
      body: "x".repeat(1000),
    }),
    {
      params: Promise.resolve({}),
    },
  );

it("refuses a caller without the verified-certificate header before reading the body", async () => {
  const refused = await post({});
  expect(refused.status).toBe(403);
  expect((await post({ "x-client-verify": "FAILED" })).status).toBe(403);
});

it("lets a verified caller through to the ebXML reader", async () => {
  const response = await post({ "x-client-verify": "SUCCESS" });
  expect(response.status).toBe(400); // reached the reader: the body is not ebXML
  expect(await response.text()).toContain("Not a readable ebXML message");
}, 60_000);
