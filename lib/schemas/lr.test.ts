import { describe, expect, it } from "vitest";
import { emergencyAccessInput, fieldErrors, selfClaimInput } from "./lr";

const key = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("journey form schemas", () => {
  it("accepts a complete self-claim for me or a workgroup", () => {
    const base = { lrType: "08", accessReasonCode: "04", accessReasonText: " Attending ", idempotencyKey: key };
    expect(selfClaimInput.parse({ ...base, subject: { kind: "self" } }).accessReasonText).toBe("Attending");
    expect(selfClaimInput.safeParse({ ...base, subject: { kind: "workgroup", workgroupId: "900000000501" } }).success).toBe(true);
  });
  it("names each missing answer with the NHS-style message", () => {
    const result = selfClaimInput.safeParse({
      lrType: "99",
      accessReasonCode: "",
      accessReasonText: "  ",
      subject: { kind: "self" },
      idempotencyKey: key,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toMatchObject({
      lrType: "Select the type of relationship",
      accessReasonCode: "Select why you need access",
      accessReasonText: "Enter details of why you need access",
    });
  });
  it("refuses 'No override' as an emergency reason", () => {
    expect(emergencyAccessInput.safeParse({ dissentOverride: "0", reasonText: "x" }).success).toBe(false);
    expect(emergencyAccessInput.safeParse({ dissentOverride: "3", reasonText: "court order" }).success).toBe(true);
  });
});
