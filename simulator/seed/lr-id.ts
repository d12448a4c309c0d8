import { createHash } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * The LR id for the n-th LR the simulator allocates: "LR" + 18 upper-case alphanumerics (20
 * chars, within Spine's 1–20 rule). Derived from the sequence number alone, so a reset and the
 * same scenario (or the same run of creates) yields the same ids.
 */
export function lrIdForSequence(sequence: number): string {
  const digest = createHash("sha256").update(`simulator-lr:${sequence}`).digest();
  let id = "LR";
  for (let i = 0; id.length < 20; i++) {
    const byte = digest[i];
    if (byte === undefined) throw new Error("digest exhausted");
    id += alphabet[byte % alphabet.length];
  }
  return id;
}
