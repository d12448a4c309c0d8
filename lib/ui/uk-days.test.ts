import { describe, expect, it } from "vitest";
import { ukDayEnd, ukDayStart } from "./uk-days";

describe("UK days", () => {
  it("starts a winter day at UTC midnight and a summer day an hour before", () => {
    expect(ukDayStart("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(ukDayStart("2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });

  it("ends a day at the start of the next, across the clock changes", () => {
    expect(ukDayEnd("2026-03-28").toISOString()).toBe("2026-03-29T00:00:00.000Z"); // clocks go forward on 29 March 2026
    expect(ukDayEnd("2026-03-29").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(ukDayEnd("2026-10-24").toISOString()).toBe("2026-10-24T23:00:00.000Z"); // clocks go back on 25 October 2026
    expect(ukDayEnd("2026-10-25").toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect(ukDayEnd("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
