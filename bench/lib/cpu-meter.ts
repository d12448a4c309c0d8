import { availableParallelism, loadavg } from "node:os";

/**
 * How much CPU a single-threaded bench actually got. On a shared 2-core box other work (builds,
 * test runs) steals time and every figure gets worse; printing the share next to the figures
 * tells a reader whether a MISSED is the code or the machine.
 */

export interface CpuReading {
  /** CPU time used by this process / wall time, in percent of one core. */
  cpuSharePct: number;
  loadAverage1m: number;
  cores: number;
}

/** Below this share a one-thread bench was competing for the CPU. */
export const BUSY_SHARE_PCT = 85;

export function startCpuMeter(): () => CpuReading {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = performance.now() - wallStart;
    return {
      cpuSharePct: wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : Number.NaN,
      loadAverage1m: loadavg()[0] ?? Number.NaN,
      cores: availableParallelism(),
    };
  };
}

export function machineLoadLine(): string {
  return `load average ${(loadavg()[0] ?? Number.NaN).toFixed(2)} on ${availableParallelism()} cores`;
}

export function describeCpu(reading: CpuReading): string {
  const base = `CPU this bench got: ${reading.cpuSharePct.toFixed(0)}% of one core; load average ${reading.loadAverage1m.toFixed(2)} on ${reading.cores} cores`;
  return reading.cpuSharePct < BUSY_SHARE_PCT
    ? `${base} — MACHINE BUSY: figures are pessimistic, rerun on a quiet machine before judging a MISSED`
    : base;
}
