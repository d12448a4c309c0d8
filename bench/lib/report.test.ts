import { describe, expect, it } from "vitest";
import { evaluate, formatNumber, renderReport, summarise } from "@/bench/lib/report";
import type { Target } from "@/bench/targets";

const atLeast: Target = {
  description: "",
  value: 100,
  unit: "req/s",
  direction: "atLeast",
  source: "test",
  inferred: true,
  tolerancePct: 10,
};
const atMost: Target = { ...atLeast, unit: "ms", direction: "atMost" };

describe("evaluate", () => {
  it("grades a floor target", () => {
    expect(evaluate(100, atLeast)).toBe("ok");
    expect(evaluate(95, atLeast)).toBe("near");
    expect(evaluate(89, atLeast)).toBe("MISSED");
  });

  it("grades a ceiling target", () => {
    expect(evaluate(100, atMost)).toBe("ok");
    expect(evaluate(109, atMost)).toBe("near");
    expect(evaluate(111, atMost)).toBe("MISSED");
  });

  it("treats a non-figure as MISSED, never ok", () => {
    expect(evaluate(Number.NaN, atMost)).toBe("MISSED");
    expect(evaluate(Number.POSITIVE_INFINITY, atLeast)).toBe("MISSED");
  });
});

describe("formatNumber", () => {
  it("uses separators for big values and significant digits for small ones", () => {
    expect(formatNumber(1_700_460.4)).toBe("1,700,460");
    expect(formatNumber(123.4)).toBe("123");
    expect(formatNumber(12.34)).toBe("12.3");
    expect(formatNumber(1.234)).toBe("1.23");
    expect(formatNumber(0.01234)).toBe("0.0123");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("renderReport", () => {
  it("prints a MISSED line only for a missed target, and counts statuses", () => {
    const figures = [
      { subject: "fast thing", metric: "p50", value: 1, unit: "ms", targetId: "http.json.c50.p50" as const },
      { subject: "slow thing", metric: "p50", value: 500, unit: "ms", targetId: "http.json.c50.p50" as const },
      { subject: "untargeted", metric: "size", value: 2, unit: "MB" },
    ];
    const text = renderReport({ title: "T", notes: ["a note"], figures });
    expect(text).toContain("== T ==");
    expect(text).toContain("MISSED: slow thing p50 = 500 ms");
    expect(text).not.toContain("MISSED: fast thing");
    expect(text).toMatch(/\| untargeted +\| size +\| +2\.00 MB \| — +\| +\|/);
    expect(summarise(figures)).toEqual({ ok: 1, near: 0, MISSED: 1 });
  });

  it("renders detail tables above the target table", () => {
    const text = renderReport({
      title: "T",
      notes: [],
      details: [{ title: "Detail", columns: ["name", "n"], rows: [["x", "42"]] }],
      figures: [],
    });
    expect(text.indexOf("Detail")).toBeLessThan(text.indexOf("| case"));
    expect(text).toContain("| x    | 42 |");
  });
});
