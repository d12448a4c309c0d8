import { OIDS, PLACEHOLDER_OIDS } from "@/lib/hl7/vocab/oids";
import type { Vocabulary } from "@/lib/hl7/vocab/vocabulary";

/** Workgroup vocabularies (docs/domain.md §3.7, FOUND LRVocab_7202.xsd). */

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
 * identifiedWorkgroupsOnly/code, alreadyAMember/code, wasNotAMember/code): INFERRED, on the 2.999
 * example arc (PLACEHOLDER_OIDS). Any CV is accepted on read.
 */
export const PLACEHOLDER_CODES = {
  addToWorkgroup: { code: "ADD", codeSystem: PLACEHOLDER_OIDS.workgroupMembershipAction, displayName: "Add to workgroup" },
  removeFromWorkgroup: { code: "REM", codeSystem: PLACEHOLDER_OIDS.workgroupMembershipAction, displayName: "Remove from workgroup" },
  identifiedWorkgroupsOnly: { code: "IWO", codeSystem: PLACEHOLDER_OIDS.identifiedWorkgroupsOnly },
  alreadyAMember: { code: "AAM", codeSystem: PLACEHOLDER_OIDS.workgroupMembershipFlag },
  wasNotAMember: { code: "WNM", codeSystem: PLACEHOLDER_OIDS.workgroupMembershipFlag },
} as const;

/**
 * author/originatingURP/subjectOf/identifiedWorkgroupsOnly as this system sends it on every add /
 * remove (docs/domain.md §3.9: the element is part of the message, not optional). INFERRED value:
 * false — the change is not limited to workgroups the originating user was identified through.
 */
export const IDENTIFIED_WORKGROUPS_ONLY_DEFAULT = { code: PLACEHOLDER_CODES.identifiedWorkgroupsOnly, value: false } as const;
