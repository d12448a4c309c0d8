/**
 * int8 (bigint identity ids, count(*)) as a JS number on both backends: pg returns strings and
 * PGlite bigints by default, which would make the same query type differ by backend.
 * Fails loudly rather than silently losing precision.
 */
export const INT8_TYPE_OID = 20;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  return value;
}
