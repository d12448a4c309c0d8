import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * `count` distinct synthetic NHS numbers (999 range, valid Mod 11). syntheticNhsNumber(n) skips
 * to the next prefix when n has no valid check digit, so consecutive seeds can repeat a number;
 * this walks seeds until it has enough distinct ones (bounded by the range).
 */
export function distinctSyntheticNhsNumbers(count: number): string[] {
  const numbers = new Set<string>();
  for (let seed = 0; numbers.size < count && seed < 1_000_000; seed++) numbers.add(syntheticNhsNumber(seed));
  if (numbers.size < count) throw new RangeError(`only ${numbers.size} synthetic NHS numbers available`);
  return [...numbers];
}
