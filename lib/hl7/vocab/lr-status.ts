import { SC_REASON_CODES, type ScReasonEffect } from "@/lib/hl7/vocab/lr-codes";

/**
 * LR status model (INFERRED, docs/domain.md §4). The transition table is data: the BFF uses it to
 * offer only sensible status changes, the simulator to accept or refuse them.
 */
export type LrStatus = "active" | "frozen" | "closed";

export const LR_STATUSES: readonly LrStatus[] = ["active", "frozen", "closed"];

/** Which effect moves which status where. Absent pairs are not allowed (closed is terminal). */
export const LR_STATUS_TRANSITIONS: readonly { from: LrStatus; effect: ScReasonEffect; to: LrStatus }[] = [
  { from: "active", effect: "freeze", to: "frozen" },
  { from: "active", effect: "closure", to: "closed" },
  { from: "active", effect: "reactivate", to: "active" },
  { from: "frozen", effect: "closure", to: "closed" },
  { from: "frozen", effect: "reactivate", to: "active" },
];

export function nextLrStatus(from: LrStatus, scReasonCode: string): LrStatus | undefined {
  const reason = SC_REASON_CODES.entries.find((e) => e.code === scReasonCode);
  if (!reason) return undefined;
  return LR_STATUS_TRANSITIONS.find((t) => t.from === from && t.effect === reason.effect)?.to;
}

export function allowedScReasons(from: LrStatus): string[] {
  return SC_REASON_CODES.entries.filter((e) => nextLrStatus(from, e.code) !== undefined).map((e) => e.code);
}
