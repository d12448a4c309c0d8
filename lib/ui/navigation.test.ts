import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";

describe("navigationFor", () => {
  it("shows the training console to the trainer in training mode only", () => {
    expect(navigationFor(["training.admin"], "training").map((entry) => entry.href)).toEqual(["/training"]);
    expect(navigationFor(["training.admin"], "live")).toEqual([]);
  });
  it("shows each area to roles with its permission", () => {
    expect(navigationFor(["lr.view", "po.alerts"], "live").map((entry) => entry.href)).toEqual(["/patients", "/batch-check", "/alerts"]);
  });
});
