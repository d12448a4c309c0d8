import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandCpuMs, findListeningPid, processCpuMs } from "@/bench/lib/process-cpu";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_request, response) => response.end("x"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("process CPU via /proc (Linux)", () => {
  it("reads this process's CPU time, and it grows with work", () => {
    const before = processCpuMs(process.pid);
    expect(before).toBeGreaterThan(0);
    const until = performance.now() + 60;
    while (performance.now() < until) {
      // burn ~60 ms of CPU
    }
    expect(processCpuMs(process.pid)).toBeGreaterThan(before ?? 0);
  });

  it("adds up every process of one name, and keeps what a child used after it has exited", () => {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const before = commandCpuMs(name);
    expect(before).toBeGreaterThanOrEqual(processCpuMs(process.pid) ?? 0);
    // A child of the same name burns ~150 ms and exits: its time is reaped into this process's cutime.
    spawnSync(process.execPath, ["-e", "const t = Date.now() + 150; while (Date.now() < t);"]);
    expect(commandCpuMs(name) - before).toBeGreaterThanOrEqual(100);
    expect(commandCpuMs("no-such-command-here")).toBe(0);
  });

  it("is undefined for a process that does not exist", () => {
    expect(processCpuMs(2 ** 22 + 12_345)).toBeUndefined();
  });

  it("finds the pid listening on a port, and nothing on a port nobody listens on", async () => {
    expect(findListeningPid(port)).toBe(process.pid);
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    expect(findListeningPid(closed)).toBeUndefined();
  });
});
