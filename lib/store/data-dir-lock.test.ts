import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, LOCK_FILE_NAME, StoreLockedError } from "./data-dir-lock";
import { openStore } from "./open-store";

// `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild, so the
// PID we would kill or compare would not be the process holding the lock.
const nodeWithTsx = [process.execPath, "--import", "tsx"] as const;
const probe = path.join(import.meta.dirname, "lock-probe.fixture.ts");
const scratch = mkdtempSync(path.join(tmpdir(), "lr-store-lock-"));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

function runProbe(mode: string, dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(nodeWithTsx[0], [...nodeWithTsx.slice(1), probe, mode, dataDir], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      resolve({ code: typeof code === "number" ? code : null, stdout, stderr });
    });
  });
}

/** Start a child that holds the lock; resolves once it says so. */
function startHolder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(nodeWithTsx[0], [...nodeWithTsx.slice(1), probe, "hold", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("holder did not start")), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("HELD")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", () => reject(new Error("holder exited early")));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", () => resolve())));
}

describe("PGlite data folder lock", () => {
  // Nested, missing parents: PGlite's own mkdir is not recursive.
  const dataDir = path.join(scratch, "nested", "deeper", "app");

  it("opens an on-disk store in a new nested folder, and a second open in this process fails clearly", async () => {
    const store = await openStore({ name: "app", dataDir, migrations: {} });
    try {
      expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
      const second = await openStore({ name: "app", dataDir, migrations: {} }).catch((error: unknown) => error);
      expect(second).toBeInstanceOf(StoreLockedError);
      expect((second as StoreLockedError).message).toContain(dataDir);
      expect((second as StoreLockedError).message).toContain(`process ${process.pid}`);
    } finally {
      await store.close();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it("makes another process fail fast naming the folder and the holding PID; after close it opens", async () => {
    const store = await openStore({ name: "app", dataDir, migrations: {} });
    let probeResult: Awaited<ReturnType<typeof runProbe>>;
    try {
      probeResult = await runProbe("open", dataDir);
    } finally {
      await store.close();
    }
    expect(probeResult.code).toBe(3);
    const report = JSON.parse(probeResult.stdout.trim()) as { holderPid: number; message: string };
    expect(report.holderPid).toBe(process.pid);
    expect(report.message).toContain(dataDir);
    expect(report.message).toContain(String(process.pid));

    const again = await runProbe("open", dataDir);
    expect(again.stdout).toContain("OPENED");
    expect(again.code).toBe(0);
  });

  it("refuses while another live process holds the lock, and takes over once it is killed", async () => {
    const holder = await startHolder(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(StoreLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(`process ${holder.pid}`);
    holder.kill("SIGKILL");
    await exited(holder);
    // SIGKILL runs no exit hook, so the lock file is left behind: stale, and taken over.
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8")).pid).toBe(holder.pid);
    const store = await openStore({ name: "app", dataDir, migrations: {} });
    await store.close();
  });

  it("releases the lock when the holding process exits without closing", async () => {
    const result = await runProbe("open-and-exit", dataDir);
    expect(result.stdout).toContain("OPENED");
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it("treats a lock left by an earlier process with this same PID, or an unreadable one, as stale", () => {
    const lockDir = path.join(scratch, "reused-pid");
    const lockPath = path.join(lockDir, LOCK_FILE_NAME);
    acquireDataDirLock(lockDir).release();
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, startTicks: null, token: "earlier", acquiredAt: "" }));
    const lock = acquireDataDirLock(lockDir);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).token).not.toBe("earlier");
    lock.release();
    writeFileSync(lockPath, "half-written");
    acquireDataDirLock(lockDir).release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("does not remove a lock file that is no longer its own", () => {
    const lockDir = path.join(scratch, "not-ours");
    const lockPath = path.join(lockDir, LOCK_FILE_NAME);
    const lock = acquireDataDirLock(lockDir);
    const someoneElse = JSON.stringify({ pid: 1, startTicks: null, token: "someone-else", acquiredAt: "" });
    writeFileSync(lockPath, someoneElse);
    lock.release();
    expect(readFileSync(lockPath, "utf8")).toBe(someoneElse);
  });

  it("releases the lock when migrations fail at open", async () => {
    const broken = {
      "0001_broken": {
        async up() {
          throw new Error("broken on purpose");
        },
      },
    };
    await expect(openStore({ name: "app", dataDir, migrations: broken })).rejects.toThrow("0001_broken");
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
