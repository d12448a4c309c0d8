import { afterEach, describe, expect, it } from "vitest";
import { now, setClockForTests, testClockAllowed } from "./clock";

afterEach(() => setClockForTests(undefined));

describe("session clock", () => {
  it("uses the injected time source in tests", () => {
    setClockForTests(() => 1_000_000);
    expect(now().getTime()).toBe(1_000_000);
    setClockForTests(undefined);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("allows the e2e clock offset only with LRM_TEST_CLOCK=1 and never in live mode", () => {
    expect(testClockAllowed({ LRM_TEST_CLOCK: "1" }, "training")).toBe(true);
    expect(testClockAllowed({ LRM_TEST_CLOCK: "1" }, "live")).toBe(false);
    expect(testClockAllowed({}, "training")).toBe(false);
    expect(testClockAllowed({ LRM_TEST_CLOCK: "true" }, "training")).toBe(false);
  });
});
