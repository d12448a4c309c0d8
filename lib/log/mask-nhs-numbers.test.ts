import { describe, expect, it } from "vitest";
import { maskNhsNumbers, maskNhsNumbersDeep } from "./mask-nhs-numbers";

describe("maskNhsNumbers", () => {
  it("masks plain and 3-3-4 NHS numbers, keeping the last four digits", () => {
    expect(maskNhsNumbers("patient 9990001234 viewed")).toBe("patient ******1234 viewed");
    expect(maskNhsNumbers("patient 999 000 1234")).toBe("patient ******1234");
  });
  it("leaves longer digit runs (ASIDs, timestamps) alone", () => {
    expect(maskNhsNumbers("asid 900000000001 at 20261125120000")).toBe("asid 900000000001 at 20261125120000");
  });
  it("leaves digit runs inside message ids alone", () => {
    expect(maskNhsNumbers("C1234567890D-0000-4000-8000-000000000001")).toBe("C1234567890D-0000-4000-8000-000000000001");
  });
  it("masks nested values and errors", () => {
    const masked = maskNhsNumbersDeep({ a: ["9990001234"], b: { c: 9990001234 }, e: new Error("bad 9990001234") });
    expect(JSON.stringify(masked)).not.toMatch(/9990001234/);
    expect(JSON.stringify(masked)).toMatch(/\*{6}1234/);
  });
});
