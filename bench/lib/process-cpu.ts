import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * CPU time of another process (Linux /proc), to report "CPU ms per request" for the app. On a
 * shared box that figure barely moves with load (it is work done, not time waited), so it is the
 * fairest one to hold against the anchors.
 */

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux. */
const CLOCK_TICKS_PER_SEC = 100;

/**
 * /proc/<pid>/stat of a process: its command name, and the fields after it (0 = state, 2 = process
 * group, 11 = utime, 12 = stime, 13 = cutime, 14 = cstime, 21 = rss pages), or undefined when /proc
 * has no such process. The name (field 2) may contain spaces; the fields after its closing
 * parenthesis are fixed.
 */
export function readProcStat(pid: number | string): { name: string; fields: string[] } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields: stat.slice(stat.lastIndexOf(")") + 2).split(" ") };
}

/** utime + stime of a process in ms, or undefined when /proc has no such process. */
export function processCpuMs(pid: number): number | undefined {
  const fields = readProcStat(pid)?.fields;
  if (!fields) return undefined;
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SEC;
}

/** Inodes of sockets listening on a TCP port (IPv4 and IPv6 tables). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const portHex = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT" in hex; state 0A is LISTEN; inode is column 10.
      if (columns[1]?.endsWith(`:${portHex}`) && columns[3] === "0A" && columns[9]) inodes.add(columns[9]);
    }
  }
  return inodes;
}

/** The pid holding the listening socket for a loopback port, found through /proc (needs the same user or root). */
export function findListeningPid(port: number): number | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(pid);
      } catch {
        // fd closed while we looked
      }
    }
  }
  return undefined;
}

/**
 * CPU ms of every process named `command` (e.g. "postgres": the server and its backends),
 * including what their exited children used (reaped into cutime/cstime), so backends that come
 * and go between two readings are still counted.
 */
export function commandCpuMs(command: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(entry); // undefined: ended meanwhile
    if (stat?.name !== command) continue;
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + (Number(stat.fields[i]) || 0), 0);
    total += (ticks * 1000) / CLOCK_TICKS_PER_SEC;
  }
  return total;
}
