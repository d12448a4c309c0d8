import { selfClaimCopy as copy } from "./copy";

/** A coded choice the server offers (LR type or access reason). */
export interface SelfClaimOption {
  code: string;
  name: string;
}

/** A workgroup the signed-in role belongs to. */
export interface SelfClaimWorkgroup {
  workgroupId: string;
  name: string;
}

export type SelfClaimStep = "start" | "type" | "reason" | "subject" | "check";

/** The steps "Check your answers" can send the user back to. */
export type SelfClaimChangeStep = "type" | "reason" | "subject";

export interface SelfClaimAnswers {
  lrType: string;
  accessReasonCode: string;
  accessReasonText: string;
  /** "self" or a workgroup id. */
  subject: string;
}

/** Start, type (only if the role may create other types), reason, subject (only if the role has workgroups), check. */
export function selfClaimSteps(offerTypes: boolean, offerWorkgroups: boolean): SelfClaimStep[] {
  return ["start", ...(offerTypes ? (["type"] as const) : []), "reason", ...(offerWorkgroups ? (["subject"] as const) : []), "check"];
}

/** Each step's page title (the tab's "<step> – LR Manager – NHS"). */
export const SELF_CLAIM_STEP_TITLES: Record<SelfClaimStep, string> = {
  start: copy.start.title,
  type: copy.type.title,
  reason: copy.reason.title,
  subject: copy.subject.title,
  check: copy.check.title,
};
