import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appUrl, CONNECTION_COUNTS, DEFAULT_APP_URL, probeApp, ROUTE_CASES } from "@/bench/http-bff";
import { TARGETS } from "@/bench/targets";

/** A loopback port that was free a moment ago, so nothing answers on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("http-bff configuration", () => {
  it("reads BENCH_APP_URL, defaulting to the run script's app URL", () => {
    expect(appUrl({})).toBe(DEFAULT_APP_URL);
    expect(appUrl({ BENCH_APP_URL: "http://127.0.0.1:3410/" })).toBe("http://127.0.0.1:3410");
  });

  it("measures both routes at 10 and 50 connections, every named target existing", () => {
    expect(ROUTE_CASES.map((route) => route.path)).toEqual(["/api/health", "/"]);
    expect([...CONNECTION_COUNTS]).toEqual([10, 50]);
    for (const route of ROUTE_CASES) {
      for (const connections of CONNECTION_COUNTS) {
        const targets = route.targets[connections];
        expect(targets?.rps, `${route.path} c${connections}`).toBeDefined();
        for (const id of Object.values(targets ?? {})) expect(TARGETS[id]).toBeDefined();
      }
    }
  });
});

describe("http-bff without a running app", () => {
  it("probeApp reports the refusal instead of throwing", async () => {
    const result = await probeApp(`http://127.0.0.1:${await closedPort()}`, 2_000);
    expect(result).toMatchObject({ up: false, problem: expect.stringContaining("ECONNREFUSED") });
  });

  it("the script says how to start the app and exits 0", async () => {
    const script = fileURLToPath(new URL("./http-bff.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, BENCH_APP_URL: `http://127.0.0.1:${await closedPort()}` },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("SKIPPED");
    expect(run.stdout).toContain("bash scripts/up.sh");
  });
});

describe("http-bff app pid for CPU per request", () => {
  it("takes BENCH_APP_PID when given, and never guesses for a remote app", async () => {
    const { appPid } = await import("@/bench/http-bff");
    expect(appPid("http://127.0.0.1:3000", { BENCH_APP_PID: "4242" })).toBe(4242);
    expect(appPid("https://lr-manager.example.test", {})).toBeUndefined();
  });
});
