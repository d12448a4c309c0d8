import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNhsNumber, isSyntheticNhsNumber, nhsCheckDigit, syntheticNhsNumber, validateNhsNumber } from "./nhs-number";

describe("validateNhsNumber", () => {
  it("accepts a valid number with or without spaces", () => {
    expect(validateNhsNumber("943 476 5919")).toEqual({ ok: true, nhsNumber: "9434765919" });
    expect(validateNhsNumber("9434765919")).toEqual({ ok: true, nhsNumber: "9434765919" });
  });
  it("names the problem for each bad input", () => {
    expect(validateNhsNumber("   ")).toEqual({ ok: false, problem: "empty" });
    expect(validateNhsNumber("943-476-5919")).toEqual({ ok: false, problem: "format" });
    expect(validateNhsNumber("94347659")).toEqual({ ok: false, problem: "length" });
    expect(validateNhsNumber("9434765918")).toEqual({ ok: false, problem: "check_digit" });
  });
  it("rejects a prefix whose check digit would be 10", () => {
    const prefix = Array.from({ length: 200 }, (_, i) => `999000${String(i).padStart(3, "0")}`).find((p) => nhsCheckDigit(p) === undefined);
    expect(prefix).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(validateNhsNumber(`${prefix}${d}`).ok).toBe(false);
  });
  it("changing any single digit of a valid number makes it invalid", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const valid = syntheticNhsNumber(n);
        const digits = valid.split("");
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(validateNhsNumber(digits.join("")).ok).toBe(false);
      }),
    );
  });
});

describe("synthetic numbers", () => {
  it("are valid, in the 999 range and distinct", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const n = syntheticNhsNumber(i);
      expect(isSyntheticNhsNumber(n)).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBeGreaterThan(400);
  });
  it("refuses real-range numbers", () => {
    expect(isSyntheticNhsNumber("9434765919")).toBe(false);
  });
});

describe("formatNhsNumber", () => {
  it("shows 3-3-4", () => {
    expect(formatNhsNumber("9990001234")).toBe("999 000 1234");
    expect(formatNhsNumber("999 0001234")).toBe("999 000 1234");
  });
  it("leaves non-numbers alone", () => {
    expect(formatNhsNumber("abc")).toBe("abc");
  });
});
