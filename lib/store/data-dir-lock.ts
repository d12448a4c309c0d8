import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One process per PGlite data folder. PGlite does not lock its folder itself: two processes on
 * the same folder silently lose writes. The lock is a small JSON file inside the folder, created
 * atomically (write a private file, then hard-link it into place: link fails if the name exists).
 */

export const LOCK_FILE_NAME = ".lr-store.lock";

interface LockRecord {
  pid: number;
  /** Process start time in clock ticks (Linux /proc), so a recycled PID is not mistaken for the holder. */
  startTicks: number | null;
  token: string;
  acquiredAt: string;
}

export class StoreLockedError extends Error {
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holderPid: number, lockPath: string) {
    super(
      `Data folder ${dataDir} is already in use by process ${holderPid} (lock file ${lockPath}). ` +
        "Stop that process, or give this one its own folder (dataDir / APP_DATA_DIR).",
    );
    this.name = "StoreLockedError";
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

export interface DataDirLock {
  readonly lockPath: string;
  /** Idempotent; removes the lock file only while it is still ours. */
  release(): void;
}

/** Locks held by this process, keyed by lock path; released together on process exit. */
const heldLocks = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous; a process killed by a signal leaves a stale lock,
  // which the next opener takes over because the PID is no longer alive.
  process.on("exit", () => {
    for (const [lockPath, token] of heldLocks) removeIfOurs(lockPath, token);
    heldLocks.clear();
  });
}

function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (comm) may contain spaces and parentheses: count fields after the last ')'.
    const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(afterComm[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function isAlive(record: LockRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (record.startTicks === null) return true;
  const ticks = processStartTicks(record.pid);
  return ticks === null || ticks === record.startTicks;
}

function readRecord(lockPath: string): { raw: string; record: LockRecord | null } | null {
  let raw: string;
  try {
    raw = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockRecord>;
    if (typeof parsed.pid !== "number" || typeof parsed.token !== "string") return { raw, record: null };
    return {
      raw,
      record: {
        pid: parsed.pid,
        startTicks: typeof parsed.startTicks === "number" ? parsed.startTicks : null,
        token: parsed.token,
        acquiredAt: String(parsed.acquiredAt ?? ""),
      },
    };
  } catch {
    return { raw, record: null };
  }
}

function removeIfOurs(lockPath: string, token: string): void {
  const current = readRecord(lockPath);
  if (current?.record?.token !== token) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

function tryCreate(lockPath: string, record: LockRecord): boolean {
  const privatePath = `${lockPath}.${record.token}`;
  writeFileSync(privatePath, JSON.stringify(record));
  try {
    linkSync(privatePath, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(privatePath);
  }
}

/**
 * Move a stale lock aside. Rename is atomic, so of several processes racing for the same stale
 * lock only one moves it; if what we moved is not the stale file we judged (someone took over in
 * between), put it back.
 */
function takeOverStale(lockPath: string, staleRaw: string): void {
  const asidePath = `${lockPath}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lockPath, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readFileSync(asidePath, "utf8");
  if (moved !== staleRaw) {
    try {
      linkSync(asidePath, lockPath);
    } catch {
      // A third process already holds the name; the next attempt will see it.
    }
  }
  unlinkSync(asidePath);
}

/** Take the lock on `dataDir` (created if missing) or throw StoreLockedError naming the holder. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const absoluteDir = path.resolve(dataDir);
  mkdirSync(absoluteDir, { recursive: true });
  const lockPath = path.join(absoluteDir, LOCK_FILE_NAME);
  if (heldLocks.has(lockPath)) throw new StoreLockedError(absoluteDir, process.pid, lockPath);

  const record: LockRecord = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    token: randomUUID(),
    acquiredAt: new Date().toISOString(),
  };
  // Bounded: each failed round means another process raced us for a stale lock.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath, record)) {
      heldLocks.set(lockPath, record.token);
      installExitHook();
      let released = false;
      return {
        lockPath,
        release() {
          if (released) return;
          released = true;
          heldLocks.delete(lockPath);
          removeIfOurs(lockPath, record.token);
        },
      };
    }
    const existing = readRecord(lockPath);
    if (existing === null) continue;
    // An unreadable lock file is treated as stale: our own files are always written whole.
    // Our own PID without an entry in heldLocks means an earlier process that had the same PID
    // (common for PID 1 in containers) left it behind.
    const heldByOther = existing.record && existing.record.pid !== process.pid && isAlive(existing.record);
    if (existing.record && heldByOther) {
      throw new StoreLockedError(absoluteDir, existing.record.pid, lockPath);
    }
    takeOverStale(lockPath, existing.raw);
  }
  throw new Error(`Could not take the lock on data folder ${absoluteDir} (${lockPath}) after 5 attempts`);
}
