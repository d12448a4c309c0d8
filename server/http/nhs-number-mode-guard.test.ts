import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { assertNhsNumberForMode } from "./nhs-number-mode-guard";

function refusal(nhsNumber: string, mode: "training" | "live"): string | undefined {
  try {
    assertNhsNumberForMode(nhsNumber, mode);
    return undefined;
  } catch (error) {
    return isAppError(error) ? `${error.code}: ${error.message}` : String(error);
  }
}

describe("NHS numbers by mode", () => {
  it("training accepts only synthetic numbers (0000000000 has a valid check digit but is refused)", () => {
    expect(refusal("9990000018", "training")).toBeUndefined();
    expect(refusal("0000000000", "training")).toMatch(/^invalid_input: This is a training environment/);
    expect(refusal("9434765919", "training")).toMatch(/^invalid_input/);
  });

  it("live refuses synthetic numbers and accepts others", () => {
    expect(refusal("9990000018", "live")).toMatch(/^invalid_input: Synthetic NHS numbers/);
    expect(refusal("9434765919", "live")).toBeUndefined();
  });
});
