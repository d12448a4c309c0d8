import { OIDS, PLACEHOLDER_OIDS } from "@/lib/hl7/vocab/oids";
import type { Vocabulary, VocabularyEntry } from "@/lib/hl7/vocab/vocabulary";

/** LR vocabularies (docs/domain.md §3, FOUND NHSVocab_4200.xsd). */

export const LR_TYPES: Vocabulary = {
  name: "LRType",
  codeSystem: OIDS.lrType,
  entries: [
    { code: "01", displayName: "Subject Access Request" },
    { code: "02", displayName: "Responding to Patient Complaint" },
    { code: "03", displayName: "Granted to Colleague by User" },
    { code: "04", displayName: "Express consent" },
    { code: "05", displayName: "Court Order" },
    { code: "06", displayName: "Referral" },
    { code: "07", displayName: "Patient Registration" },
    { code: "08", displayName: "Self Claimed Relationship" },
    { code: "09", displayName: "Patient Self-referral" },
    { code: "10", displayName: "Other" },
    { code: "11", displayName: "General Practice Registration" },
  ],
};

/** The LR type whose creation raises a privacy-officer alert. */
export const SELF_CLAIMED_LR_TYPE = "08";

/**
 * How a status-change reason affects an LR. "freeze"/"closure" come from the labels in the
 * vocabulary; treating 08/12 as re-activation is INFERRED (docs/domain.md §3.3, §4).
 */
export type ScReasonEffect = "freeze" | "closure" | "reactivate";

export interface ScReasonEntry extends VocabularyEntry {
  effect: ScReasonEffect;
  /** True when the vocabulary label itself says "(Freeze)" or "(Closure)"; false = business event. */
  labelledInVocabulary: boolean;
}

export const SC_REASON_CODES: Vocabulary<ScReasonEntry> = {
  name: "SCReasonCode",
  codeSystem: OIDS.scReasonCode,
  entries: [
    { code: "01", displayName: "Referral Cancellation (Closure)", effect: "closure", labelledInVocabulary: true },
    { code: "02", displayName: "Workgroup Closure (Freeze)", effect: "freeze", labelledInVocabulary: true },
    { code: "03", displayName: "Patient is deceased (Freeze)", effect: "freeze", labelledInVocabulary: true },
    { code: "04", displayName: "Timed out through lack of use (Freeze)", effect: "freeze", labelledInVocabulary: true },
    { code: "05", displayName: "Further Timed out (Closure)", effect: "closure", labelledInVocabulary: true },
    { code: "06", displayName: "Relationship Termination", effect: "closure", labelledInVocabulary: false },
    { code: "07", displayName: "Closure of Case", effect: "closure", labelledInVocabulary: false },
    { code: "08", displayName: "Referral acceptance", effect: "reactivate", labelledInVocabulary: false },
    { code: "09", displayName: "Referral rejection", effect: "closure", labelledInVocabulary: false },
    { code: "10", displayName: "Referral abandonment", effect: "closure", labelledInVocabulary: false },
    { code: "11", displayName: "Referral discharge", effect: "closure", labelledInVocabulary: false },
    { code: "12", displayName: "Patient registration", effect: "reactivate", labelledInVocabulary: false },
    { code: "13", displayName: "Patient deregistration", effect: "closure", labelledInVocabulary: false },
    { code: "14", displayName: "Self-referral cessation", effect: "closure", labelledInVocabulary: false },
    { code: "15", displayName: "Closure of Subject Access Request", effect: "closure", labelledInVocabulary: false },
  ],
};

export const ACCESS_REASON_CODES: Vocabulary = {
  name: "AccessReasonCode",
  codeSystem: OIDS.accessReasonCode,
  entries: [
    { code: "01", displayName: "Public interest" },
    { code: "02", displayName: "Required by statute" },
    { code: "03", displayName: "Court order" },
    { code: "04", displayName: "Best interests of patient" },
    { code: "05", displayName: "Justified through H&SC Act regulations" },
    { code: "06", displayName: "Other" },
    { code: "07", displayName: "Express consent to research" },
    { code: "08", displayName: "Express consent to clinical audit" },
    { code: "09", displayName: "Express consent to financial audit" },
    { code: "10", displayName: "Express consent to other audit" },
    { code: "11", displayName: "Express consent to public health investigation" },
    { code: "12", displayName: "Express consent to service management" },
    { code: "13", displayName: "Express consent to respond to patient enquiry" },
    { code: "14", displayName: "Express consent to other purpose(s)" },
    { code: "15", displayName: "Colleague outside the team responding to a referral" },
    { code: "16", displayName: "Patient self-referral" },
    { code: "17", displayName: "Registered patient" },
    { code: "18", displayName: "Express patient consent to access" },
    { code: "19", displayName: "Subject access request" },
    { code: "20", displayName: "Court order or other legal demand" },
    { code: "21", displayName: "Patient complaint / litigation" },
  ],
};

export const ALERT_CODES: Vocabulary = {
  name: "AlertCode",
  codeSystem: OIDS.alertCode,
  entries: [
    { code: "True", displayName: "Yes" },
    { code: "False", displayName: "Dont Know" },
  ],
};

/**
 * Which list field carries which meaning in Simple/Complete LR lists: NOT FOUND in public material,
 * INFERRED (docs/domain.md §4). Kept as data so it can be corrected without code changes.
 */
export const LIST_FIELD_MEANING = {
  simple: { lrType: "code" },
  complete: { lrType: "reasonCode", status: "code" },
} as const;

/** Status codes written in CompleteLRList `code` (INFERRED; no vocabulary found: placeholder OID on the 2.999 example arc). */
export const LR_STATUS_CODES: Vocabulary = {
  name: "LRStatus (INFERRED)",
  codeSystem: PLACEHOLDER_OIDS.lrStatus,
  entries: [
    { code: "active", displayName: "Active" },
    { code: "frozen", displayName: "Frozen" },
    { code: "closed", displayName: "Closed" },
  ],
};
