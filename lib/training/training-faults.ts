import { formatNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * The faults a trainer can switch on from the console (issue 15), as data: each maps to one of the
 * Spine simulator's fault kinds (simulator/faults/fault-spec.ts, docs/simulator.md#faults) and to
 * the sentence trainees read in the training banner while it is on.
 */
export const TRAINING_FAULT_KINDS = ["timeout", "businessError", "soapFault", "slow"] as const;
export type TrainingFaultKind = (typeof TRAINING_FAULT_KINDS)[number];

export interface TrainingFault {
  kind: TrainingFaultKind;
  /** Slow replies only: how long Spine takes to answer. */
  latencyMs?: number;
  /** One patient, or everyone when absent. */
  nhsNumber?: string;
}

/** The simulator's fault spec (its control API's POST /_control/faults body). */
export interface SimulatorFaultRequest {
  match: { nhsNumber?: string };
  fault:
    | { kind: "noReply" }
    | { kind: "businessError"; error: "unableToProcess" }
    | { kind: "soapFault"; errorCode: "200" }
    | { kind: "delay"; delayMs: number };
}

export const TRAINING_FAULT_LABELS: Record<TrainingFaultKind, { label: string; hint: string }> = {
  timeout: { label: "Spine timeout", hint: "Spine accepts requests but never answers, so they time out." },
  businessError: { label: "Business error", hint: "Spine answers every request with “Unable to process message”." },
  soapFault: { label: "SOAP fault", hint: "Spine fails with a system error (SOAP fault 200) before reading the message." },
  slow: { label: "Slow replies", hint: "Spine answers correctly, but only after the delay you choose." },
};

export const SLOW_REPLY_LIMITS_MS = { min: 500, max: 60_000 } as const;

export function simulatorFaultFor(fault: TrainingFault): SimulatorFaultRequest {
  const match = fault.nhsNumber ? { nhsNumber: fault.nhsNumber } : {};
  switch (fault.kind) {
    case "timeout":
      return { match, fault: { kind: "noReply" } };
    case "businessError":
      return { match, fault: { kind: "businessError", error: "unableToProcess" } };
    case "soapFault":
      return { match, fault: { kind: "soapFault", errorCode: "200" } };
    case "slow":
      return { match, fault: { kind: "delay", delayMs: fault.latencyMs ?? 5_000 } };
  }
}

/** Reads an armed simulator fault back as a console fault; undefined for faults armed by other means. */
export function trainingFaultFrom(spec: {
  match?: { nhsNumber?: string };
  fault: { kind: string; delayMs?: number };
}): TrainingFault | undefined {
  const nhsNumber = spec.match?.nhsNumber ? { nhsNumber: spec.match.nhsNumber } : {};
  switch (spec.fault.kind) {
    case "noReply":
      return { kind: "timeout", ...nhsNumber };
    case "businessError":
      return { kind: "businessError", ...nhsNumber };
    case "soapFault":
      return { kind: "soapFault", ...nhsNumber };
    case "delay":
      return { kind: "slow", latencyMs: spec.fault.delayMs, ...nhsNumber };
    default:
      return undefined;
  }
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} second${value === 1 ? "" : "s"}`;
}

/** Who a fault applies to, in words: "everyone" or "patient 999 001 0013". */
export function faultScope(fault: TrainingFault): string {
  return fault.nhsNumber ? `patient ${formatNhsNumber(fault.nhsNumber)}` : "everyone";
}

/** The sentence trainees see in the banner while the fault is on. */
export function faultNotice(fault: TrainingFault): string {
  const who = fault.nhsNumber ? ` for patient ${formatNhsNumber(fault.nhsNumber)}` : "";
  switch (fault.kind) {
    case "timeout":
      return `Spine is not answering in this exercise${who}: requests will time out.`;
    case "businessError":
      return `Spine refuses requests with a business error in this exercise${who}.`;
    case "soapFault":
      return `Spine is failing with a system error in this exercise${who}.`;
    case "slow":
      return `Spine is slow in this exercise${who}: replies take ${seconds(fault.latencyMs ?? 5_000)}.`;
  }
}
