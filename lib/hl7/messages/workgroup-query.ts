import { type PayloadCodec, paramEl, SEMANTICS_TEXT } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el } from "@/lib/hl7/xml/xml-node";
import { children, required, requiredAttr } from "@/lib/hl7/xml/xml-query";

export interface WorkgroupQuery {
  /** 1..* workgroupCode values (root …0.2.0.109). */
  workgroupIds: string[];
}

/** QUPC_IN041234UK01 payload: query (QUPC_MT040000UK01): workgroupCode[1..*] with semanticsText FIRST (schema order). */
export const workgroupQueryCodec: PayloadCodec<WorkgroupQuery> = {
  build(p) {
    return el(
      "query",
      {},
      p.workgroupIds.map((id) =>
        paramEl("workgroupCode", el("value", { root: OIDS.sdsOrganisation, extension: id }), SEMANTICS_TEXT.workgroupCode, true),
      ),
    );
  },
  read(root) {
    return {
      workgroupIds: children(root, "workgroupCode").map((w) => requiredAttr(required(w, "value"), "extension", "workgroupCode/value")),
    };
  },
};
