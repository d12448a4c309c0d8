import { nhsCheckDigit, syntheticNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * A batch-confirm list of synthetic NHS numbers in three kinds: patients the simulator knows,
 * valid numbers nobody knows (999 2xx xxxx, clear of the seeded 999 001 and magic 999 900 ranges),
 * and numbers whose check digit is wrong. Kinds are interleaved so order mistakes show.
 */
export type BatchPatientKind = "seeded" | "unknown" | "badCheckDigit";

export interface BatchPatients {
  nhsNumbers: string[];
  kinds: BatchPatientKind[];
}

/** The same nine digits with a check digit that Modulus 11 rejects. */
export function withWrongCheckDigit(nhsNumber: string): string {
  const firstNine = nhsNumber.slice(0, 9);
  const right = nhsCheckDigit(firstNine);
  const wrong = ((right ?? 0) + 1) % 10;
  return `${firstNine}${wrong}`;
}

export function batchPatients(seeded: readonly string[], total: number, badCheckDigits: number): BatchPatients {
  if (seeded.length === 0) throw new Error("need at least one seeded patient");
  const unknownNeeded = total - seeded.length - badCheckDigits;
  const unknown: string[] = [];
  const taken = new Set(seeded);
  // syntheticNhsNumber skips prefixes without a valid check digit, so neighbours can repeat: dedupe.
  for (let n = 200_000; unknown.length < unknownNeeded && n < 999_999; n++) {
    const candidate = syntheticNhsNumber(n);
    if (!taken.has(candidate)) {
      taken.add(candidate);
      unknown.push(candidate);
    }
  }
  const bad = Array.from({ length: badCheckDigits }, (_, i) => withWrongCheckDigit(syntheticNhsNumber(300_000 + i * 7)));
  const nhsNumbers: string[] = [];
  const kinds: BatchPatientKind[] = [];
  const queues: [BatchPatientKind, string[]][] = [
    ["seeded", [...seeded]],
    ["badCheckDigit", bad],
    ["unknown", unknown],
  ];
  // Spread the rarer kinds through the list rather than bunching them at the front.
  const stride = Math.max(1, Math.floor(total / (seeded.length + badCheckDigits)));
  for (let i = 0; nhsNumbers.length < total; i++) {
    const rare = i % stride === 0 ? queues.slice(0, 2).find(([, q]) => q.length > 0) : undefined;
    const [kind, queue] = rare ?? queues.find(([, q]) => q.length > 0) ?? ["unknown", []];
    const next = queue.shift();
    if (next === undefined) throw new Error(`ran out of numbers at ${nhsNumbers.length} of ${total}`);
    nhsNumbers.push(next);
    kinds.push(kind);
  }
  return { nhsNumbers, kinds };
}
