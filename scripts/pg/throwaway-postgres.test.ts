import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const script = path.join(import.meta.dirname, "throwaway-postgres.sh");
// A private state file, so this test never touches a server the test command started.
const scratch = mkdtempSync(path.join(tmpdir(), "lr-pg-script-test-"));
const env = { ...process.env, THROWAWAY_PG_STATE: path.join(scratch, "state") };

function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", [script, command], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterAll(async () => {
  await run("stop");
  rmSync(scratch, { recursive: true, force: true });
});

describe("scripts/pg/throwaway-postgres.sh", () => {
  it("starts a reachable PostgreSQL on loopback, prints only its URL, and stop removes it", async () => {
    const started = await run("start");
    expect(started.code).toBe(0);
    const url = started.stdout.trim();
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

    const again = await run("url");
    expect(again.stdout.trim()).toBe(url);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>("select 6 * 7 as answer");
    await client.end();
    expect(rows[0]?.answer).toBe(42);

    const dataDir = /PG_DIR=(\S+)/.exec(readFileSync(env.THROWAWAY_PG_STATE, "utf8"))?.[1];
    expect(dataDir && existsSync(dataDir)).toBe(true);

    expect((await run("stop")).code).toBe(0);
    expect(existsSync(String(dataDir))).toBe(false);
    expect((await run("url")).code).not.toBe(0);
    const refused = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(refused.connect()).rejects.toThrow();
  });
});
