import { OIDS } from "@/lib/hl7/vocab/oids";
import type { Vocabulary } from "@/lib/hl7/vocab/vocabulary";

/** Workgroup vocabularies (spine-lr.md §2.2, FOUND LRVocab_7202.xsd). */

export const WORKGROUP_TYPES: Vocabulary = {
  name: "WorkgroupType",
  codeSystem: OIDS.workgroupType,
  entries: [
    { code: "01", displayName: "Standard" },
    { code: "02", displayName: "Long Term Care" },
  ],
};

export const WORKGROUP_ATTRIBUTES: Vocabulary = {
  name: "WorkgroupAttribute",
  codeSystem: OIDS.workgroupAttribute,
  entries: [
    { code: "WGN", displayName: "Workgroup name" },
    { code: "WGS", displayName: "Workgroup status" },
  ],
};

export const WORKGROUP_STATUSES: Vocabulary = {
  name: "WorkgroupStatus",
  codeSystem: OIDS.workgroupStatus,
  entries: [
    { code: "01", displayName: "Open" },
    { code: "02", displayName: "Frozen" },
    { code: "03", displayName: "Closed" },
  ],
};

/**
 * Placeholder codes for CVs whose vocabularies were NOT FOUND (AddToWorkgroupRequest/code,
 * identifiedWorkgroupsOnly/code, alreadyAMember/code, ConfirmHistory/code). INFERRED; any CV is accepted on read.
 */
export const PLACEHOLDER_CODES = {
  addToWorkgroup: { code: "ADD", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999", displayName: "Add to workgroup" },
  removeFromWorkgroup: { code: "REM", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999", displayName: "Remove from workgroup" },
  identifiedWorkgroupsOnly: { code: "IWO", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999" },
  alreadyAMember: { code: "AAM", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999" },
  wasNotAMember: { code: "WNM", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999" },
} as const;
