import { describe, expect, it } from "vitest";
import { TARGETS } from "@/bench/targets";

describe("targets data", () => {
  const entries = Object.entries(TARGETS);

  it("has a source for every target: INFERRED ones say so, the others cite a reference file", () => {
    for (const [id, target] of entries) {
      if (target.inferred) expect(target.source, id).toMatch(/^INFERRED: \S/);
      else expect(target.source, id).toMatch(/anchors\.md §4|toolchain\.md/);
    }
  });

  it("has sane numbers", () => {
    for (const [id, target] of entries) {
      expect(Number.isFinite(target.value), id).toBe(true);
      expect(target.value, id).toBeGreaterThanOrEqual(0);
      expect(target.tolerancePct, id).toBeGreaterThanOrEqual(0);
      expect(target.tolerancePct, id).toBeLessThanOrEqual(25);
      expect(["atLeast", "atMost"], id).toContain(target.direction);
    }
  });

  it("keeps the anchors.md §4 figures exactly as published", () => {
    expect(TARGETS["http.json.c50.rps"].value).toBe(2_240);
    expect(TARGETS["http.page.c50.rps"].value).toBe(470);
    expect(TARGETS["hl7.calibration.fxp-2k.mean"].value).toBe(130);
    expect(TARGETS["hl7.calibration.fxp-62k.mean"].value).toBe(4_100);
  });
});
