import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BENCHES, classifyOutput, summaryLine, targetTable } from "@/bench/run-all";

describe("run-all", () => {
  it("lists the benches, each file present, each with a time cap", () => {
    expect(BENCHES.map((entry) => entry.name).sort()).toEqual([
      "audit-export",
      "batch-check",
      "hl7-codec",
      "http-bff",
      "nhs-number",
      "page-weight",
      "request-path",
      "simulator",
    ]);
    for (const entry of BENCHES) {
      expect(existsSync(fileURLToPath(new URL(`./${entry.file}`, import.meta.url))), entry.file).toBe(true);
      expect(entry.timeoutMs).toBeGreaterThan(0);
      expect(entry.timeoutMs).toBeLessThanOrEqual(900_000);
    }
  });

  it("counts MISSED lines and notices a skip", () => {
    expect(classifyOutput("| a | ok |\nMISSED: x p50 = 3 ms\nMISSED: y\nnot MISSED: z")).toEqual({ missed: 2, skipped: false });
    expect(classifyOutput("http-bff bench SKIPPED: no app")).toEqual({ missed: 0, skipped: true });
  });

  it("summarises crashes, time-outs, skips and misses distinctly", () => {
    const base = { name: "b", exitCode: 0, timedOut: false, missed: 0, skipped: false, ms: 1_500 };
    expect(summaryLine(base)).toBe("b: all targets ok or near, 1.5 s");
    expect(summaryLine({ ...base, missed: 2 })).toBe("b: 2 target(s) MISSED, 1.5 s");
    expect(summaryLine({ ...base, skipped: true })).toContain("skipped");
    expect(summaryLine({ ...base, exitCode: 1 })).toContain("BENCH ERROR (exit 1)");
    expect(summaryLine({ ...base, exitCode: null, timedOut: true })).toContain("TIMED OUT");
  });

  it("prints one table of every figure with a target, named by its bench, with the count of each status", () => {
    const table = targetTable([
      {
        name: "request-path",
        report: {
          figures: [
            { subject: "P1 c1", metric: "ratio", value: 1.4, unit: "×", targetId: "p1.confirm.ratio.c1" },
            { subject: "app CPU", metric: "ms", value: 11, unit: "ms" },
          ],
        },
      },
      {
        name: "page-weight",
        report: { figures: [{ subject: "P4 /", metric: "first-load JS", value: 160, unit: "kB", targetId: "p4.first-load-js.kb" }] },
      },
    ]);
    expect(table).toContain("request-path: P1 c1");
    expect(table).toContain("page-weight: P4 /");
    expect(table).not.toContain("app CPU");
    expect(table).toMatch(/targets: 1 ok, 0 near, 1 MISSED$/);
  });
});
