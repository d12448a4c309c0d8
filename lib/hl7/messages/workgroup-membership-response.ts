import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import type { WorkgroupMembershipResponse } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { blEl, codeEl, optionalChildCoded, readBl, readChildCoded } from "@/lib/hl7/wrapper/datatypes";
import { el } from "@/lib/hl7/xml/xml-node";
import { find, required } from "@/lib/hl7/xml/xml-query";

/**
 * REPC_IN130003UK01 AddToWorkgroupResponse (flag alreadyAMember) and REPC_IN130005UK01
 * RemoveFromWorkgroupResponse (flag wasNotAMember): REG/EVN, code, subject/agentPersonSDS{id, subjectOf/flag?}.
 */
function membershipResponseCodec(rootName: string, flagName: string): PayloadCodec<WorkgroupMembershipResponse> {
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
                  { typeCode: "SUBJ" },
                  el(
                    flagName,
                    { classCode: "OBS", moodCode: "EVN" },
                    p.flag.code ? codeEl("code", p.flag.code) : undefined,
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

export const addToWorkgroupResponseCodec = membershipResponseCodec("AddToWorkgroupResponse", "alreadyAMember");
export const removeFromWorkgroupResponseCodec = membershipResponseCodec("RemoveFromWorkgroupResponse", "wasNotAMember");
