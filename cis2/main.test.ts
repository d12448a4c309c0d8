/**
 * The real process: `tsx cis2/main.ts` prints one ready line, serves /health, exits 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

let child: ChildProcess | undefined;
let dataDir = "";

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function waitForReadyLine(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no ready line in 20 s: ${output}`)), 20_000);
    process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => candidate.startsWith("cis2 stand-in ready at "));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    process.once("exit", (code) => reject(new Error(`exited early with ${code}: ${output}`)));
  });
}

describe("cis2/main.ts", () => {
  it("starts on the configured port, persists its signing key, and stops cleanly on SIGTERM", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cis2-main-"));
    const keyPath = join(dataDir, "signing-key.json");
    child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "cis2/main.ts"], {
      env: { ...process.env, CIS2_PORT: "0", CIS2_HOST: "127.0.0.1", CIS2_SIGNING_KEY_PATH: keyPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const line = await waitForReadyLine(child);
    const issuer = line.slice("cis2 stand-in ready at ".length).trim();
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openam\/oauth2\/realms\/root\/realms\/NHSIdentity\/realms\/Healthcare$/);

    const origin = new URL(issuer).origin;
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ status: "ok" });
    const jwks = (await (await fetch(`${issuer}/connect/jwk_uri`)).json()) as { keys: { kid: string }[] };
    const stored = JSON.parse(await readFile(keyPath, "utf8")) as { kid: string };
    expect(jwks.keys.map((key) => key.kid)).toEqual([stored.kid]);

    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
