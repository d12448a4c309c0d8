import { describe, expect, it } from "vitest";
import { activityConfig, effectiveActivities, jobRoleCodeOf, parseActivityConfig } from "./activity-expansion";

const table = parseActivityConfig({
  baselineByJobRole: { R8001: ["B0264"], R0001: [] },
  includedActivities: { B0825: ["B0820"], B0820: ["B0810"], B0001: ["B0002"], B0002: ["B0001"] },
});

describe("effectiveActivities", () => {
  it("keeps explicit codes when the job role has no baseline", () => {
    expect(effectiveActivities({ roleCode: "S8000:G8000:R0001", activityCodes: ["B0016"] }, table)).toEqual(["B0016"]);
  });

  it("adds the baseline of the job role (keyed on the last role_code segment)", () => {
    expect(effectiveActivities({ roleCode: "S8000:G8000:R8001", activityCodes: ["B0370"] }, table)).toEqual(["B0264", "B0370"]);
    expect(effectiveActivities({ roleCode: "R8001", activityCodes: [] }, table)).toEqual(["B0264"]);
  });

  it("adds included activities transitively", () => {
    expect(effectiveActivities({ roleCode: "S1:G1:R9999", activityCodes: ["B0825"] }, table)).toEqual(["B0810", "B0820", "B0825"]);
  });

  it("survives a cycle in the include table", () => {
    expect(effectiveActivities({ roleCode: "R9999", activityCodes: ["B0001"] }, table)).toEqual(["B0001", "B0002"]);
  });

  it("de-duplicates and sorts", () => {
    expect(effectiveActivities({ roleCode: "R8001", activityCodes: ["B0370", "B0264", "B0370"] }, table)).toEqual(["B0264", "B0370"]);
  });

  it("ignores a malformed role code rather than guessing a baseline", () => {
    expect(jobRoleCodeOf("S8000:G8000:X8001")).toBeUndefined();
    expect(effectiveActivities({ roleCode: "nonsense", activityCodes: ["B0428"] }, table)).toEqual(["B0428"]);
  });

  it("uses the shipped table: B0360 includes B0370, R0001 baseline carries PO alerts", () => {
    expect(effectiveActivities({ roleCode: "S8000:G8000:R8003", activityCodes: ["B0360"] })).toEqual(["B0360", "B0370"]);
    expect(effectiveActivities({ roleCode: "S8002:G8003:R0001", activityCodes: [] }, activityConfig)).toEqual(["B0015", "B0016", "B0018"]);
  });

  it("rejects a table with a malformed code", () => {
    expect(() => parseActivityConfig({ baselineByJobRole: { R8000: ["X1"] }, includedActivities: {} })).toThrow();
    expect(() => parseActivityConfig({ baselineByJobRole: { Nurse: [] }, includedActivities: {} })).toThrow();
  });
});
