import { OIDS } from "@/lib/hl7/vocab/oids";
import type { Vocabulary } from "@/lib/hl7/vocab/vocabulary";

/** Query and issue vocabularies (docs/domain.md §3.5–3.8, FOUND). */

export const CONFIRMATION_RESP_TYPES: Vocabulary = {
  name: "ConfirmationRespType",
  codeSystem: OIDS.confirmationRespType,
  entries: [
    { code: "01", displayName: "Short" },
    { code: "02", displayName: "Historic" },
  ],
};

export const DETAILS_RESP_TYPES: Vocabulary = {
  name: "DetailsRespType",
  codeSystem: OIDS.detailsRespType,
  entries: [
    { code: "01", displayName: "Simple" },
    { code: "02", displayName: "Comprehensive" },
  ],
};

/** MIM 4.2 labels; 4 and 5 differ in PSIS 7.2 ("Query for update", "Override dissent with temporary patient consent"). */
export const DISSENT_OVERRIDES: Vocabulary = {
  name: "DissentOverride",
  codeSystem: OIDS.dissentOverride,
  entries: [
    { code: "0", displayName: "No override" },
    { code: "1", displayName: "Public interest" },
    { code: "2", displayName: "Required by statute" },
    { code: "3", displayName: "Court Order" },
    { code: "4", displayName: "Best interest of patient" },
    { code: "5", displayName: "Best interest of patient (other)" },
  ],
};

export const ISSUE_QUALIFIERS: Vocabulary = {
  name: "DetectedIssueQualifier",
  codeSystem: OIDS.detectedIssueQualifier,
  entries: [
    { code: "ER", displayName: "Error" },
    { code: "WG", displayName: "Warning" },
    { code: "IF", displayName: "For Information" },
  ],
};

/**
 * Where QUPC_IN020000UK17 writes time.Period's interval inside `value`. Spine's validator reads the
 * start at `time.Period/value/effectiveTime/low/@value` (docs/domain.md §5.2, §6.4, FOUND
 * spine2_xslt/QUPC_IN020000UK17.xsl), so that is the form written; the schema's plain IVL_TS
 * (`value/low`) is the alternative. Both are accepted on read. A data choice, not code.
 */
export const TIME_PERIOD_WRITE_FORM: "value/effectiveTime" | "value" = "value/effectiveTime";
