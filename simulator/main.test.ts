import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";

describe("simulator/main.ts as its own process", () => {
  it("prints one ready line, serves /health, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "simulator/main.ts"], {
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_HOST: "127.0.0.1", SIMULATOR_DB_IN_MEMORY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line: ${output}`)), 25_000);
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(output.trim().split("\n")).toHaveLength(1);
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok" });
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 40_000);
});
