import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import type { Coded } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { PLACEHOLDER_CODES } from "@/lib/hl7/vocab/workgroup-codes";
import { blEl, codeEl, optionalChildCoded, readBl, readChildCoded } from "@/lib/hl7/wrapper/datatypes";
import { el } from "@/lib/hl7/xml/xml-node";
import { find, required } from "@/lib/hl7/xml/xml-query";

export interface WorkgroupMembershipResponse {
  code: Coded;
  roleProfileId: string;
  /** alreadyAMember (add) / wasNotAMember (remove). */
  flag?: { code?: Coded; value: boolean };
}

/**
 * REPC_IN130003UK01 AddToWorkgroupResponse (flag alreadyAMember) and REPC_IN130005UK01
 * RemoveFromWorkgroupResponse (flag wasNotAMember): REG/EVN, code, subject/agentPersonSDS{id, subjectOf(SBJ)/flag?}.
 * The flag's code is mandatory in the schema (REPC_MT130004UK01 / REPC_MT130006UK01): without one in the
 * payload the placeholder code for that flag is written.
 */
function membershipResponseCodec(rootName: string, flagName: string, defaultFlagCode: Coded): PayloadCodec<WorkgroupMembershipResponse> {
  return {
    build: (p) =>
      el(
        rootName,
        { classCode: "REG", moodCode: "EVN" },
        codeEl("code", p.code),
        el(
          "subject",
          { typeCode: "SBJ" },
          el(
            "agentPersonSDS",
            { classCode: "AGNT" },
            el("id", { root: OIDS.roleProfileId, extension: p.roleProfileId }),
            p.flag
              ? el(
                  "subjectOf",
                  { typeCode: "SBJ" },
                  el(
                    flagName,
                    { classCode: "OBS", moodCode: "EVN" },
                    codeEl("code", p.flag.code ?? defaultFlagCode),
                    blEl("value", p.flag.value),
                  ),
                )
              : undefined,
          ),
        ),
      ),
    read(root) {
      const person = required(root, "subject/agentPersonSDS");
      const response: WorkgroupMembershipResponse = { code: readChildCoded(root, "code"), roleProfileId: extensionOf(person, "id") };
      const flag = find(person, "subjectOf/*");
      if (flag) {
        const code = optionalChildCoded(flag, "code");
        response.flag = code ? { code, value: readBl(flag) } : { value: readBl(flag) };
      }
      return response;
    },
  };
}

export const addToWorkgroupResponseCodec = membershipResponseCodec(
  "AddToWorkgroupResponse",
  "alreadyAMember",
  PLACEHOLDER_CODES.alreadyAMember,
);
export const removeFromWorkgroupResponseCodec = membershipResponseCodec(
  "RemoveFromWorkgroupResponse",
  "wasNotAMember",
  PLACEHOLDER_CODES.wasNotAMember,
);
