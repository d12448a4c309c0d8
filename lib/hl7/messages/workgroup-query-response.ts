import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { WORKGROUP_STATUSES } from "@/lib/hl7/vocab/workgroup-codes";
import { el } from "@/lib/hl7/xml/xml-node";
import { children, required, requiredAttr, textOf } from "@/lib/hl7/xml/xml-query";

export interface WorkgroupInfo {
  /** WorkgroupType (…17.181). */
  type: string;
  workgroupId: string;
  name: string;
  /** WorkgroupStatus (…17.184). */
  status: string;
}

/**
 * REPC_IN130007UK01 WorkgroupMemberQueryResponse (REPC_MT130007UK01): subject1[1..500] → workgroup(ROL)
 * {code (…17.181, no displayName), id, subjectOf/workgroupName{code WGN, value ST}, subjectOf1/workgroupStatus{code WGS,
 * value CV …17.184}}; every subjectOf* has typeCode fixed to SBJ.
 */
export const workgroupQueryResponseCodec: PayloadCodec<{ workgroups: WorkgroupInfo[] }> = {
  build: (p) =>
    el(
      "WorkgroupMemberQueryResponse",
      { classCode: "OBS", moodCode: "EVN" },
      p.workgroups.map((w) =>
        el(
          "subject1",
          { typeCode: "SBJ" },
          el(
            "workgroup",
            { classCode: "ROL" },
            // The schema prohibits workgroup/code/@displayName (REPC_MT130007UK01); only the status value carries one.
            el("code", { code: w.type, codeSystem: OIDS.workgroupType }),
            el("id", { root: OIDS.sdsOrganisation, extension: w.workgroupId }),
            el(
              "subjectOf",
              { typeCode: "SBJ" },
              el(
                "workgroupName",
                { classCode: "OBS", moodCode: "EVN" },
                el("code", { code: "WGN", codeSystem: OIDS.workgroupAttribute }),
                el("value", {}, w.name),
              ),
            ),
            el(
              "subjectOf1",
              { typeCode: "SBJ" },
              el(
                "workgroupStatus",
                { classCode: "OBS", moodCode: "EVN" },
                el("code", { code: "WGS", codeSystem: OIDS.workgroupAttribute }),
                el("value", { code: w.status, codeSystem: OIDS.workgroupStatus, displayName: displayNameOf(WORKGROUP_STATUSES, w.status) }),
              ),
            ),
          ),
        ),
      ),
    ),
  read: (root) => ({
    workgroups: children(root, "subject1").map((s) => {
      const w = required(s, "workgroup");
      return {
        type: requiredAttr(required(w, "code"), "code", "workgroup/code"),
        workgroupId: extensionOf(w, "id"),
        name: textOf(required(w, "subjectOf/workgroupName/value")) ?? "",
        status: requiredAttr(required(w, "subjectOf1/workgroupStatus/value"), "code", "workgroupStatus/value"),
      };
    }),
  }),
};
