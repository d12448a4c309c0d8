import { describe, expect, it } from "vitest";
import type { LrRow } from "@/lib/schemas/patient-lrs";
import { filterLrRows, howIHoldIt, sortLrRows, typesInRows } from "./lr-rows";

const row = (lrId: string, patch: Partial<LrRow> = {}): LrRow => ({
  lrId,
  typeCode: "06",
  typeName: "Referral",
  subject: { kind: "user", label: "User 9000", mine: false },
  ...patch,
});

const rows: LrRow[] = [
  row("a", { status: "closed", startDate: "2020-01-01", typeCode: "11", typeName: "General Practice Registration" }),
  row("b", { status: "active", startDate: "2024-05-01" }),
  row("c", { status: "frozen", startDate: "2022-03-01", typeCode: "08", typeName: "Self Claimed Relationship" }),
  row("d", { status: "active", startDate: "2019-02-01", subject: { kind: "me", label: "You", mine: true } }),
];

describe("sortLrRows", () => {
  it("sorts by start date both ways", () => {
    expect(sortLrRows(rows, "startDate", "ascending").map((r) => r.lrId)).toEqual(["d", "a", "c", "b"]);
    expect(sortLrRows(rows, "startDate", "descending").map((r) => r.lrId)).toEqual(["b", "c", "a", "d"]);
  });
  it("sorts status in clinical order (active, frozen, closed) and keeps ties in Spine's order", () => {
    expect(sortLrRows(rows, "status", "ascending").map((r) => r.lrId)).toEqual(["b", "d", "c", "a"]);
  });
  it("does not mutate its input", () => {
    const before = rows.map((r) => r.lrId);
    sortLrRows(rows, "type", "descending");
    expect(rows.map((r) => r.lrId)).toEqual(before);
  });
});

describe("filterLrRows and typesInRows", () => {
  it("filters by status and type together", () => {
    expect(filterLrRows(rows, { status: "active" }).map((r) => r.lrId)).toEqual(["b", "d"]);
    expect(filterLrRows(rows, { status: "active", typeCode: "08" })).toEqual([]);
    expect(filterLrRows(rows, { typeCode: "08" }).map((r) => r.lrId)).toEqual(["c"]);
    expect(filterLrRows(rows, {})).toHaveLength(4);
  });
  it("offers each type present once, by name", () => {
    expect(typesInRows(rows).map((t) => t.code)).toEqual(["11", "06", "08"]);
  });
});

describe("howIHoldIt", () => {
  it("counts only my current LRs: direct and through my workgroups, not frozen or closed ones", () => {
    const mine: LrRow[] = [
      row("x", { status: "active", subject: { kind: "workgroup", label: "ED (your workgroup)", mine: true, workgroupName: "ED" } }),
      row("y", { status: "frozen", subject: { kind: "me", label: "You", mine: true } }),
      row("z", { status: "active", subject: { kind: "workgroup", label: "PO", mine: false, workgroupName: "PO" } }),
    ];
    expect(howIHoldIt(mine)).toEqual({ direct: false, workgroups: ["ED"] });
    expect(howIHoldIt(rows)).toEqual({ direct: true, workgroups: [] });
  });
});
