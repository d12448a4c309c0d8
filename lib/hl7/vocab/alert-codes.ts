import type { Coded } from "@/lib/hl7/types";
import type { Vocabulary } from "@/lib/hl7/vocab/vocabulary";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";

/**
 * Privacy-officer alert vocabularies for COMT_IN000001UK01 (docs/domain.md §10).
 *
 * Spine binds no vocabulary to `AlertEvent/code` or `justifyingReasonCoded/code` (both plain CV).
 * The codes below are the published FHIR SCR code systems (SCR-AlertType, SCR-AlertReason) reused as
 * the V3 `@code` values (INFERRED). The V3 `@codeSystem` OIDs were NOT FOUND: the two OIDs here are
 * INFERRED PLACEHOLDERS on the ITU-T example arc 2.999 (never the NHS arc, where they could collide
 * with a real code system), the same ones the alerts reference's skeleton uses. Replace them here,
 * and only here, when the real OIDs are known. Our other placeholders start at 2.999.3 (PLACEHOLDER_OIDS).
 */
export const ALERT_CODE_SYSTEMS = {
  /** AlertEvent/code (INFERRED placeholder). */
  alertType: "2.999.1",
  /** AlertEvent/reason/justifyingReasonCoded/code (INFERRED placeholder). */
  alertReason: "2.999.2",
} as const;

export const ALERT_TYPE_SELF_CLAIM = "1";
export const ALERT_TYPE_ACCESS = "2";

/** SCR-AlertType. */
export const ALERT_TYPES: Vocabulary = {
  name: "AlertType",
  codeSystem: ALERT_CODE_SYSTEMS.alertType,
  entries: [
    { code: ALERT_TYPE_SELF_CLAIM, displayName: "Create LR (Self Claimed)" },
    { code: ALERT_TYPE_ACCESS, displayName: "Access Alert" },
  ],
};

/** Reasons 1–3 are the legal-override cases, 4–5 the emergency ones (INFERRED grouping). */
export type AlertReasonGroup = "legal" | "emergency" | "other";

export interface AlertReasonEntry {
  code: string;
  displayName: string;
  group: AlertReasonGroup;
}

/** SCR-AlertReason. */
export const ALERT_REASONS: Vocabulary<AlertReasonEntry> = {
  name: "AlertReason",
  codeSystem: ALERT_CODE_SYSTEMS.alertReason,
  entries: [
    { code: "1", displayName: "Access made in the public interest", group: "legal" },
    { code: "2", displayName: "Access required by statute", group: "legal" },
    { code: "3", displayName: "Access required by Court Order", group: "legal" },
    { code: "4", displayName: "Self-Claim Emergency Access", group: "emergency" },
    { code: "5", displayName: "Access made in an Emergency", group: "emergency" },
    { code: "6", displayName: "Other", group: "other" },
  ],
};

/**
 * Type/reason pairs the SCR API's alert validator refuses (FOUND: AlertRequestValidator): a self-claim
 * is not "an emergency access", and an access alert is neither a self-claim emergency nor "other".
 * Spine 2's own alert rules do not check this (docs/domain.md §10); LR Manager refuses them before
 * sending, and its simulator refuses them too.
 */
export const REJECTED_ALERT_TYPE_REASONS: readonly { type: string; reason: string }[] = [
  { type: ALERT_TYPE_SELF_CLAIM, reason: "5" },
  { type: ALERT_TYPE_ACCESS, reason: "4" },
  { type: ALERT_TYPE_ACCESS, reason: "6" },
];

/** Why a type/reason pair may not be sent, or undefined when it may. */
export function alertTypeReasonProblem(type: string, reason: string): string | undefined {
  if (!ALERT_TYPES.entries.some((e) => e.code === type)) return `alert type ${type.slice(0, 10)} is not in ${ALERT_TYPES.name}`;
  if (!ALERT_REASONS.entries.some((e) => e.code === reason)) return `alert reason ${reason.slice(0, 10)} is not in ${ALERT_REASONS.name}`;
  if (REJECTED_ALERT_TYPE_REASONS.some((pair) => pair.type === type && pair.reason === reason)) {
    return `alert type ${type} (${displayNameOf(ALERT_TYPES, type)}) may not carry reason ${reason} (${displayNameOf(ALERT_REASONS, reason)})`;
  }
  return undefined;
}

/** True when this type/reason pair may be sent. */
export function isAllowedAlertTypeReason(type: string, reason: string): boolean {
  return alertTypeReasonProblem(type, reason) === undefined;
}

/** The reasons an alert of this type may carry (for forms and the app's own checks). */
export function allowedAlertReasons(type: string): AlertReasonEntry[] {
  return ALERT_REASONS.entries.filter((e) => isAllowedAlertTypeReason(type, e.code));
}

/** AlertEvent/code as written: the type code with its (placeholder) code system and display name. */
export function alertTypeCoded(type: string): Coded {
  const displayName = displayNameOf(ALERT_TYPES, type);
  return { code: type, codeSystem: ALERT_TYPES.codeSystem, ...(displayName ? { displayName } : {}) };
}

/** justifyingReasonCoded/code as written. */
export function alertReasonCoded(reason: string): Coded {
  const displayName = displayNameOf(ALERT_REASONS, reason);
  return { code: reason, codeSystem: ALERT_REASONS.codeSystem, ...(displayName ? { displayName } : {}) };
}
