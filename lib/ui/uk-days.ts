/**
 * Whole days in UK time (Europe/London), as people mean "from 1 March to 3 March": the instant a
 * UK calendar day starts. UK clocks change at 01:00 UTC, never at midnight, so the day's start is
 * UTC midnight or, in summer time, one hour earlier.
 */
const LONDON_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" });

/** "2026-07-01" → 2026-06-30T23:00:00Z (summer time); "2026-01-01" → 2026-01-01T00:00:00Z. */
export function ukDayStart(isoDate: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  const londonHour = Number(LONDON_HOUR.format(utcMidnight));
  return new Date(utcMidnight.getTime() - (londonHour === 0 ? 0 : londonHour * 3_600_000));
}

/** The start of the UK day after `isoDate`: the exclusive end of a range that includes that day. */
export function ukDayEnd(isoDate: string): Date {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return ukDayStart(next.toISOString().slice(0, 10));
}
