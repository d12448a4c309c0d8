/**
 * Rough memory figures for one-off operations. With `node --expose-gc` (run-all passes it) the
 * heap is collected before and after, so the delta is what the result keeps alive; without it
 * the delta also counts uncollected garbage and is marked approximate.
 */

const MB = 1024 * 1024;

type GcFunction = () => void;

function gcFunction(): GcFunction | undefined {
  const candidate = (globalThis as { gc?: unknown }).gc;
  return typeof candidate === "function" ? (candidate as GcFunction) : undefined;
}

export interface RetainedMemory<T> {
  value: T;
  retainedHeapMb: number;
  /** false when node ran without --expose-gc: the figure then includes garbage. */
  exact: boolean;
}

export function measureRetainedHeap<T>(fn: () => T): RetainedMemory<T> {
  const gc = gcFunction();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const value = fn();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  return { value, retainedHeapMb: (after - before) / MB, exact: gc !== undefined };
}

export function utf8Mb(text: string): number {
  return Buffer.byteLength(text, "utf8") / MB;
}

/** Process-wide high-water mark of resident memory so far (MB). */
export function peakRssMb(): number {
  return (process.resourceUsage().maxRSS * 1024) / MB;
}
