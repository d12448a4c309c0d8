import { describe, expect, it } from "vitest";
import { measureEachCall, measureThroughput, percentile, quickBounds, summariseLatencies } from "@/bench/lib/stats";

describe("percentile (nearest rank)", () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("picks the nearest-rank element", () => {
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it("is NaN for no values", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summariseLatencies", () => {
  it("sorts, averages and derives ops/s from wall time", () => {
    const figures = summariseLatencies([30, 10, 20], 1);
    expect(figures).toMatchObject({ iterations: 3, meanUs: 20, p50Us: 20, maxUs: 30, opsPerSec: 3000 });
  });
});

describe("measureEachCall bounds", () => {
  it("stops at maxIterations", () => {
    let calls = 0;
    const figures = measureEachCall(() => calls++, { warmupIterations: 5, maxIterations: 40, maxMs: 10_000, minIterations: 1 });
    expect(figures.iterations).toBe(40);
    expect(calls).toBe(45);
  });

  it("stops on the time budget long before maxIterations for a slow call", () => {
    const spin = () => {
      const until = performance.now() + 2;
      while (performance.now() < until) {
        // busy-wait 2 ms: a stand-in for slow work
      }
    };
    const started = performance.now();
    const figures = measureEachCall(spin, { warmupIterations: 1, maxIterations: 100_000, maxMs: 30, minIterations: 1 });
    expect(figures.iterations).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(500);
    expect(figures.p50Us).toBeGreaterThanOrEqual(1_900);
  });
});

describe("measureThroughput", () => {
  it("cycles the inputs and counts whole batches", () => {
    const seen: number[] = [];
    const figures = measureThroughput([1, 2, 3], (n) => seen.push(n), { batchSize: 4, maxBatches: 5, maxMs: 10_000, warmupBatches: 1 });
    expect(figures.operations).toBe(20);
    expect(seen.slice(0, 7)).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(seen).toHaveLength(24);
    expect(figures.opsPerSec).toBeGreaterThan(0);
  });

  it("refuses an empty input list", () => {
    expect(() => measureThroughput([], () => 0, { batchSize: 1, maxBatches: 1, maxMs: 1, warmupBatches: 0 })).toThrow(RangeError);
  });
});

describe("quickBounds", () => {
  it("shrinks every bound by ten in quick mode and leaves normal runs alone", () => {
    const bounds = { warmupIterations: 200, maxIterations: 5_000, maxMs: 400, minIterations: 50 };
    expect(quickBounds(bounds, false)).toBe(bounds);
    expect(quickBounds(bounds, true)).toEqual({ warmupIterations: 20, maxIterations: 500, maxMs: 40, minIterations: 5 });
  });
});
