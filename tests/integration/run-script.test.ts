import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isPortFree } from "@/scripts/lib/port-check";
import { descendantPids, isAlive } from "./process-tree";

/**
 * The run command (scripts/run.ts) starts three real processes and must leave none behind on SIGTERM.
 * Needs the production build (`next build`), which the test command makes before running this.
 */
describe("run command", () => {
  const dataRoot = mkdtempSync(join(tmpdir(), "lrm-run-"));
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

  it("starts app, simulator and CIS2 stand-in, reports ready, and leaves no child process after SIGTERM", async () => {
    expect(existsSync(".next/BUILD_ID"), "run `next build` before this test").toBe(true);
    const ports = { app: await freePort(), simulator: await freePort(), cis2: await freePort() };
    const run = spawn(process.execPath, ["--import", "tsx", "scripts/run.ts"], {
      env: {
        ...process.env,
        APP_PORT: String(ports.app),
        SIMULATOR_PORT: String(ports.simulator),
        CIS2_PORT: String(ports.cis2),
        LRM_DATA_ROOT: dataRoot,
        LRM_QUIET_CHILDREN: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    run.stdout.on("data", (c: Buffer) => (output += c.toString()));
    run.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => run.on("exit", (code) => resolve(code)));

    const deadline = Date.now() + 100_000;
    while (!output.includes("LR Manager is running") && Date.now() < deadline && run.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain("LR Manager is running");
    expect(output).toMatch(/✔ Spine simulator ready/);
    expect(output).toMatch(/✔ CIS2 stand-in ready/);
    expect(output).toMatch(/✔ LR Manager app ready at http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain(`ready at http://127.0.0.1:${ports.app}`);
    expect(output).toMatch(/• .*\(9000\d{8}\)/); // personas listed

    const health = await fetch(`http://127.0.0.1:${ports.app}/api/health`).then((r) => r.json());
    expect(health.components.spine.status).toBe("up");
    expect(health.components.cis2.status).toBe("up");

    const children = descendantPids(run.pid!);
    expect(children.length).toBeGreaterThanOrEqual(3);
    run.kill("SIGTERM");
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(children.filter(isAlive)).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortFree("127.0.0.1", port)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${ports.app}/api/health`)).rejects.toThrow();
  }, 150_000);
});
