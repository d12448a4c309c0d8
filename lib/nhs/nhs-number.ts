/**
 * NHS number rules (NHS data dictionary): ten digits, Modulus 11 check digit with weights 10..2;
 * check = 11 - (sum mod 11), where 11 becomes 0 and 10 means the number is invalid.
 * Input may contain spaces (people type 943 476 5919); display is always 3-3-4 on one line.
 */

export type NhsNumberProblem = "empty" | "format" | "length" | "check_digit";

/**
 * A normalised NHS number that has passed the format and Modulus 11 checks. Only
 * `validateNhsNumber` (and the synthetic generator) make one, so a function that takes an
 * `NhsNumber` never needs to check it again: each request validates its NHS number once, at the edge.
 */
export type NhsNumber = string & { readonly __brand: "NhsNumber" };

export type NhsNumberResult = { ok: true; nhsNumber: NhsNumber } | { ok: false; problem: NhsNumberProblem };

/** Strip the spaces a person may type; nothing else is tolerated. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/\s+/g, "");
}

/** The check digit for the first nine digits, or undefined when no valid check digit exists. */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function validateNhsNumber(input: string): NhsNumberResult {
  const digits = normaliseNhsNumber(input);
  if (digits === "") return { ok: false, problem: "empty" };
  if (!/^\d+$/.test(digits)) return { ok: false, problem: "format" };
  if (digits.length !== 10) return { ok: false, problem: "length" };
  const check = nhsCheckDigit(digits.slice(0, 9));
  if (check === undefined || check !== Number(digits[9])) return { ok: false, problem: "check_digit" };
  return { ok: true, nhsNumber: digits as NhsNumber };
}

export function isValidNhsNumber(input: string): boolean {
  return validateNhsNumber(input).ok;
}

/** Synthetic-data guard: this project only ever holds NHS numbers in 999 000 0000 – 999 999 9999. */
export function isSyntheticNhsNumber(nhsNumber: string): boolean {
  const digits = normaliseNhsNumber(nhsNumber);
  return /^999\d{7}$/.test(digits) && isValidNhsNumber(digits);
}

/** 3-3-4 display form ("999 123 4564"); anything that is not ten digits is returned unchanged. */
export function formatNhsNumber(nhsNumber: string): string {
  const digits = normaliseNhsNumber(nhsNumber);
  if (!/^\d{10}$/.test(digits)) return nhsNumber;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * A valid synthetic NHS number for seed n (n >= 0): 999 + n padded to six digits + check digit.
 * When that prefix has no valid check digit the next prefix up is used.
 */
export function syntheticNhsNumber(n: number): NhsNumber {
  for (let candidate = n; candidate < 1_000_000; candidate++) {
    const firstNine = `999${String(candidate).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== undefined) return `${firstNine}${check}` as NhsNumber;
  }
  throw new RangeError("synthetic NHS number range exhausted");
}

/** A checked NHS number from a value known to be valid (seed data, fixtures); anything else is a programming error. */
export function asNhsNumber(value: string): NhsNumber {
  const checked = validateNhsNumber(value);
  if (!checked.ok) throw new RangeError(`not a valid NHS number (${checked.problem})`);
  return checked.nhsNumber;
}
