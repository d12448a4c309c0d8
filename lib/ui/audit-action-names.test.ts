import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_NAMES } from "@/lib/schemas/audit";
import { AUDIT_ACTION_LABELS, auditActionLabel } from "./audit-action-names";

describe("audit action names", () => {
  it("names every action of the closed vocabulary in plain English", () => {
    const unnamed = AUDIT_ACTION_NAMES.filter((action) => !AUDIT_ACTION_LABELS[action]);
    expect(unnamed).toEqual([]);
  });

  it("names nothing outside the vocabulary, and falls back to the code", () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((action) => !(AUDIT_ACTION_NAMES as readonly string[]).includes(action))).toEqual([]);
    expect(auditActionLabel("lr.create.confirmed")).toBe("Create relationship: confirmed by Spine");
    expect(auditActionLabel("not.an-action")).toBe("not.an-action");
  });
});
