import { describe, expect, it } from "vitest";
import { ageInYears, displayDate, displayDateTime, isoDateOf } from "./clinical-dates";

describe("clinical dates", () => {
  it("reads HL7 timestamps and ISO dates", () => {
    expect(isoDateOf("20190312093000")).toBe("2019-03-12");
    expect(isoDateOf("2024-11-03T06:40:00Z")).toBe("2024-11-03");
    expect(isoDateOf("20191312")).toBeUndefined();
    expect(isoDateOf(undefined)).toBeUndefined();
  });
  it("shows dates as NHS CUI dd-Mmm-yyyy", () => {
    expect(displayDate("20190312093000")).toBe("12-Mar-2019");
    expect(displayDate("nonsense")).toBe("Not known");
  });
  it("counts whole years, a day before and on the birthday", () => {
    expect(ageInYears("1990-05-01", new Date("2024-04-30T12:00:00Z"))).toBe(33);
    expect(ageInYears("1990-05-01", new Date("2024-05-01T12:00:00Z"))).toBe(34);
  });
});

describe("displayDateTime", () => {
  it("shows an instant in UK time, 24-hour", () => {
    expect(displayDateTime("2026-07-01T08:05:00Z")).toBe("01-Jul-2026 09:05");
    expect(displayDateTime("2026-12-02T16:30:00Z")).toBe("02-Dec-2026 16:30");
    expect(displayDateTime("not a date")).toBe("Not known");
  });
});
