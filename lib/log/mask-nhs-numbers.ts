/**
 * Logs must never carry a whole NHS number. Any run of ten digits (optionally spaced 3-3-4) is
 * replaced by a mask that keeps only the last four digits, enough to correlate with a patient record
 * the reader is already allowed to see.
 */
// Bounded by non-alphanumerics so digit runs inside message-id UUIDs (hex) stay traceable.
const NHS_NUMBER_PATTERN = /(?<![\dA-Za-z])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\dA-Za-z])/g;

export function maskNhsNumbers(text: string): string {
  return text.replace(NHS_NUMBER_PATTERN, (_m, _a, _b, last4: string) => `******${last4}`);
}

/** Deep copy of a log object with every string value masked. */
export function maskNhsNumbersDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[depth]";
  if (typeof value === "string") return maskNhsNumbers(value);
  if (typeof value === "number" && Number.isInteger(value) && String(value).length === 10) {
    return maskNhsNumbers(String(value));
  }
  if (Array.isArray(value)) return value.map((v) => maskNhsNumbersDeep(v, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if (value instanceof Error) {
      return { type: value.name, message: maskNhsNumbers(value.message), stack: value.stack ? maskNhsNumbers(value.stack) : undefined };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskNhsNumbersDeep(v, depth + 1);
    return out;
  }
  return value;
}
