import { describe, expect, it } from "vitest";
import { accessAlertReason, alertTypeOf, kindOfAlertType, receivedKinds, selfClaimAlertReason } from "./raise-rules";

describe("alert raise rules", () => {
  it("maps kinds to alert type codes and back", () => {
    expect(alertTypeOf("selfClaim")).toBe("1");
    expect(alertTypeOf("access")).toBe("2");
    expect(kindOfAlertType("2")).toBe("access");
    expect(kindOfAlertType("9")).toBeUndefined();
  });

  it("each activity receives only its own kind", () => {
    expect(receivedKinds(["po.alerts", "po.alerts.selfClaim"])).toEqual(["selfClaim"]);
    expect(receivedKinds(["po.alerts", "po.alerts.access"])).toEqual(["access"]);
    expect(receivedKinds(["po.alerts", "po.alerts.selfClaim", "po.alerts.access"])).toEqual(["selfClaim", "access"]);
    expect(receivedKinds(["lr.view"])).toEqual([]);
  });

  it("maps a self-claim's access reason and an override code to the alert reason", () => {
    expect(selfClaimAlertReason("01")).toBe("1");
    expect(selfClaimAlertReason("16")).toBe("4");
    expect(accessAlertReason("4")).toBe("5");
    expect(accessAlertReason("0")).toBeUndefined();
  });
});
