import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import type { Coded } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { blEl, codeEl, readBl, readChildCoded } from "@/lib/hl7/wrapper/datatypes";
import { el } from "@/lib/hl7/xml/xml-node";
import { required } from "@/lib/hl7/xml/xml-query";

/** AddToWorkgroupRequest / RemoveFromWorkgroupRequest (same shape). */
export interface WorkgroupMembershipRequest {
  /** REG code; vocabulary NOT FOUND — any CV accepted. */
  code: Coded;
  /** The user being added/removed. */
  roleProfileId: string;
  userId: string;
  workgroupId: string;
  /** author/originatingURP/id: who is making the change. */
  originatingRoleProfileId: string;
  /** author/originatingURP/subjectOf/identifiedWorkgroupsOnly: always written (docs/domain.md §3.9); code vocabulary NOT FOUND. */
  identifiedWorkgroupsOnly: { code: Coded; value: boolean };
}

/**
 * REPC_IN130002UK01 / REPC_IN130004UK01 payloads: AddToWorkgroupRequest / RemoveFromWorkgroupRequest
 * (REPC_MT130003UK01 / REPC_MT130005UK01) — same shape, different root name.
 */
function membershipCodec(rootName: string): PayloadCodec<WorkgroupMembershipRequest> {
  return {
    build(p) {
      return el(
        rootName,
        { classCode: "REG", moodCode: "RQO" },
        codeEl("code", p.code),
        el(
          "subject",
          { typeCode: "SBJ" },
          el(
            "agentPersonSDS",
            { classCode: "AGNT" },
            el("id", { root: OIDS.roleProfileId, extension: p.roleProfileId }),
            el("agentPersonSDS", { classCode: "PSN", determinerCode: "INSTANCE" }, el("id", { root: OIDS.userId, extension: p.userId })),
            el(
              "part",
              { typeCode: "PART" },
              el(
                "AgentOrgSDS",
                { classCode: "AGNT" },
                el(
                  "agentOrganizationSDS",
                  { classCode: "ORG", determinerCode: "INSTANCE" },
                  el("id", { root: OIDS.sdsOrganisation, extension: p.workgroupId }),
                ),
              ),
            ),
          ),
        ),
        el(
          "author",
          { typeCode: "AUT" },
          el(
            "originatingURP",
            { classCode: "AGNT" },
            el("id", { root: OIDS.roleProfileId, extension: p.originatingRoleProfileId }),
            el(
              "subjectOf",
              { typeCode: "SBJ" },
              el(
                "identifiedWorkgroupsOnly",
                { classCode: "OBS", moodCode: "EVN" },
                codeEl("code", p.identifiedWorkgroupsOnly.code),
                blEl("value", p.identifiedWorkgroupsOnly.value),
              ),
            ),
          ),
        ),
      );
    },
    read(root) {
      const person = required(root, "subject/agentPersonSDS");
      const originating = required(root, "author/originatingURP");
      // Part of the message (docs/domain.md §3.9): a request without it is not one this codec reads.
      const flag = required(originating, "subjectOf/identifiedWorkgroupsOnly");
      return {
        code: readChildCoded(root, "code"),
        roleProfileId: extensionOf(person, "id"),
        userId: extensionOf(person, "agentPersonSDS/id"),
        workgroupId: extensionOf(person, "part/AgentOrgSDS/agentOrganizationSDS/id"),
        originatingRoleProfileId: extensionOf(originating, "id"),
        identifiedWorkgroupsOnly: { code: readChildCoded(flag, "code"), value: readBl(flag) },
      };
    },
  };
}

export const addToWorkgroupCodec = membershipCodec("AddToWorkgroupRequest");
export const removeFromWorkgroupCodec = membershipCodec("RemoveFromWorkgroupRequest");
