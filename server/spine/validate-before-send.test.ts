import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { BASES, CASES, mutated } from "@/lib/hl7/fixtures/rule-breaking-cases";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { assertSendable } from "./validate-before-send";

/** The BFF's pre-send gate refuses a message breaking any one Spine 2 rule, naming the rule. */
describe("BFF refuses to send a message that breaks a Spine 2 rule", () => {
  it.each(CASES)("%s", (rule, base, mutation) => {
    let refused: unknown;
    try {
      assertSendable(mutated(base, mutation), "REF-1");
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: "spine_rejected", reference: "REF-1" });
    expect((refused as Error).message).toContain(rule);
  });

  it("lets every valid sample through (typed and built)", () => {
    for (const request of SAMPLE_REQUESTS) expect(() => assertSendable(request)).not.toThrow();
    for (const build of Object.values(BASES)) expect(() => assertSendable(build())).not.toThrow();
  });
});
