/**
 * Timing helpers for in-process benches. Every loop is bounded twice — by an iteration cap and
 * by a wall-clock budget — so a slow machine makes a bench shorter, never endless.
 */

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN for an empty array. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  const index = Math.min(sortedAscending.length - 1, Math.max(0, rank - 1));
  return sortedAscending[index] ?? Number.NaN;
}

export interface LoopBounds {
  /** Untimed calls first, so the JIT has compiled the hot path before we measure it. */
  warmupIterations: number;
  maxIterations: number;
  /** Stop measuring after this much wall time even if maxIterations is not reached. */
  maxMs: number;
  /** At least this many timed calls, unless maxMs runs out first. */
  minIterations: number;
}

export const DEFAULT_BOUNDS: LoopBounds = { warmupIterations: 200, maxIterations: 5_000, maxMs: 400, minIterations: 50 };

/** Bounds scaled for `BENCH_QUICK=1` (smoke runs): a tenth of the work, same shape. */
/** The median of values in any order. */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function quickBounds(bounds: LoopBounds, quick: boolean): LoopBounds {
  if (!quick) return bounds;
  return {
    warmupIterations: Math.max(1, Math.ceil(bounds.warmupIterations / 10)),
    maxIterations: Math.max(1, Math.ceil(bounds.maxIterations / 10)),
    maxMs: Math.max(10, Math.ceil(bounds.maxMs / 10)),
    minIterations: Math.max(1, Math.ceil(bounds.minIterations / 10)),
  };
}

export interface LatencyFigures {
  iterations: number;
  opsPerSec: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Summarise per-call durations (µs) measured over totalMs of wall time. */
export function summariseLatencies(durationsUs: number[], totalMs: number): LatencyFigures {
  const sorted = [...durationsUs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    iterations: sorted.length,
    opsPerSec: totalMs > 0 ? (sorted.length * 1000) / totalMs : Number.NaN,
    meanUs: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    maxUs: sorted.at(-1) ?? Number.NaN,
  };
}

/** Sink for results, so the optimiser cannot drop a call whose value is never used. */
let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}
export function lastConsumed(): unknown {
  return sink;
}

const nowUs = (): number => Number(process.hrtime.bigint()) / 1_000;

/**
 * Time each call of fn separately (for calls of ~10 µs and up, where the clock read is noise).
 * Returns per-call percentiles and ops/s over the timed part only.
 */
export function measureEachCall(fn: () => unknown, bounds: LoopBounds = DEFAULT_BOUNDS): LatencyFigures {
  const warmupDeadline = nowUs() + bounds.maxMs * 250; // warm-up may take at most a quarter of the budget
  for (let i = 0; i < bounds.warmupIterations && nowUs() < warmupDeadline; i++) consume(fn());
  const durations: number[] = [];
  const started = nowUs();
  const deadline = started + bounds.maxMs * 1_000;
  while (durations.length < bounds.maxIterations) {
    const before = nowUs();
    consume(fn());
    const after = nowUs();
    durations.push(after - before);
    if (after >= deadline && durations.length >= Math.min(bounds.minIterations, bounds.maxIterations)) break;
    if (after >= deadline + bounds.maxMs * 1_000) break; // hard stop at twice the budget
  }
  return summariseLatencies(durations, (nowUs() - started) / 1_000);
}

export interface ThroughputFigures {
  operations: number;
  opsPerSec: number;
  nsPerOp: number;
}

/**
 * For sub-microsecond operations: time batches of `batchSize` calls over `inputs` (cycled), so
 * the clock is read once per batch. Bounded by batch count and wall time.
 */
export function measureThroughput<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  options: { batchSize: number; maxBatches: number; maxMs: number; warmupBatches: number },
): ThroughputFigures {
  if (inputs.length === 0) throw new RangeError("measureThroughput needs at least one input");
  let cursor = 0;
  const runBatch = () => {
    for (let i = 0; i < options.batchSize; i++) {
      consume(fn(inputs[cursor] as T));
      cursor = cursor + 1 === inputs.length ? 0 : cursor + 1;
    }
  };
  for (let b = 0; b < options.warmupBatches; b++) runBatch();
  const started = nowUs();
  const deadline = started + options.maxMs * 1_000;
  let batches = 0;
  while (batches < options.maxBatches) {
    runBatch();
    batches++;
    if (nowUs() >= deadline) break;
  }
  const elapsedUs = nowUs() - started;
  const operations = batches * options.batchSize;
  return { operations, opsPerSec: (operations * 1e6) / elapsedUs, nsPerOp: (elapsedUs * 1_000) / operations };
}

/** Time one call (ms), for the big one-off cases (a 10,000-patient batch). */
export function timeOnce<T>(fn: () => T): { value: T; ms: number } {
  const before = nowUs();
  const value = fn();
  return { value, ms: (nowUs() - before) / 1_000 };
}
