/**
 * Dates as NHS clinical screens show them: "12-Mar-2019" (NHS CUI date display, unambiguous
 * month), ages in whole years. Inputs are HL7 timestamps (YYYYMMDD[HHMM[SS]]) or ISO dates.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "20190312093000" or "2019-03-12…" → "2019-03-12"; undefined when it is not a date. */
export function isoDateOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const hl7 = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const parts = hl7 ?? iso;
  if (!parts) return undefined;
  const [, year, month, day] = parts;
  const monthIndex = Number(month) - 1;
  if (monthIndex < 0 || monthIndex > 11 || Number(day) < 1 || Number(day) > 31) return undefined;
  return `${year}-${month}-${day}`;
}

/** "2019-03-12" → "12-Mar-2019". */
export function displayDate(value: string | undefined): string {
  const iso = isoDateOf(value);
  if (!iso) return "Not known";
  const [year, month, day] = iso.split("-");
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
}

/** An ISO instant as "12-Mar-2019 09:30" (UK time, 24-hour), for when something happened. */
export function displayDateTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return "Not known";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${displayDate(`${part("year")}-${part("month")}-${part("day")}`)} ${part("hour")}:${part("minute")}`;
}

/** Whole years between a birth date and `on` (default today); undefined when the date is unreadable. */
export function ageInYears(birthDate: string, on: Date = new Date()): number | undefined {
  const iso = isoDateOf(birthDate);
  if (!iso) return undefined;
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - year;
  const beforeBirthday = on.getUTCMonth() + 1 < month || (on.getUTCMonth() + 1 === month && on.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/** "45y" for adults; babies and children under 2 in months would need more care than LR screens need. */
export function displayAge(birthDate: string, on: Date = new Date()): string {
  const age = ageInYears(birthDate, on);
  return age === undefined ? "" : `${age}y`;
}
