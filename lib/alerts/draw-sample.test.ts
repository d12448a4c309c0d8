import { describe, expect, it } from "vitest";
import { drawSample, sampleSize } from "./draw-sample";

const population = Array.from({ length: 200 }, (_, i) => `A${String(i).padStart(3, "0")}`);

describe("reproducible alert samples", () => {
  it("draws the same members for the same seed, and other members for another", () => {
    const first = drawSample(population, 10, "seed-2026-12");
    expect(drawSample(population, 10, "seed-2026-12")).toEqual(first);
    expect(drawSample(population, 10, "another-seed")).not.toEqual(first);
  });

  it("draws the percentage asked (rounded up, at least one), without repeats, from the population", () => {
    const drawn = drawSample(population, 7, "x");
    expect(drawn).toHaveLength(14);
    expect(new Set(drawn).size).toBe(14);
    for (const member of drawn) expect(population).toContain(member);
    expect(sampleSize(3, 1)).toBe(1);
    expect(sampleSize(0, 50)).toBe(0);
    expect(drawSample(population, 100, "x").sort()).toEqual(population);
  });

  it("spreads its draws over the whole population", () => {
    const hits = new Array(10).fill(0);
    for (let s = 0; s < 200; s++)
      for (const member of drawSample(population, 10, `s${s}`)) hits[Math.floor(Number(member.slice(1)) / 20)]++;
    for (const count of hits) expect(count).toBeGreaterThan(250);
  });
});
