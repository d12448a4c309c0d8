import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "@/bench/lib/load";

/** A real HTTP server on loopback: 200 on /ok, 500 on /fail, and it records POST bodies. */
let server: Server;
let baseUrl: string;
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      if (request.method === "POST") bodies.push(body);
      response.writeHead(request.url === "/fail" ? 500 : 200, { "content-type": "text/plain" });
      response.end("x");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("runLoad (autocannon)", () => {
  it("reports throughput and latency percentiles with no errors against a healthy server", async () => {
    const figures = await runLoad({ url: `${baseUrl}/ok`, connections: 2, durationSec: 1 });
    expect(figures.requests).toBeGreaterThan(10);
    expect(figures.reqPerSec).toBeGreaterThan(0);
    expect(figures.errors).toBe(0);
    expect(figures.statusCounts).toEqual({ "200": figures.requests });
    expect(figures.p50Ms).toBeLessThanOrEqual(figures.p97_5Ms);
    expect(figures.p97_5Ms).toBeLessThanOrEqual(figures.p99Ms);
  });

  it("counts non-2xx answers as errors", async () => {
    const figures = await runLoad({ url: `${baseUrl}/fail`, connections: 1, durationSec: 1 });
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors).toBe(figures.requests);
  });

  it("sends a fresh body per request when asked", async () => {
    bodies.length = 0;
    let n = 0;
    await runLoad({ url: `${baseUrl}/ok`, method: "POST", connections: 1, durationSec: 1, nextBody: () => `body-${n++}` });
    expect(bodies.length).toBeGreaterThan(2);
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});
