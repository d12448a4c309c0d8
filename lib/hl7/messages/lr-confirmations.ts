import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el } from "@/lib/hl7/xml/xml-node";

/** REPC_IN020000UK13 CreationResponseConfirm and REPC_IN050000UK13 SCConfirm: just the LR id (root …18.3). */
function lrIdCodec(rootName: string): PayloadCodec<{ lrId: string }> {
  return {
    build: (p) => el(rootName, { classCode: "PCPR", moodCode: "EVN" }, el("id", { root: OIDS.lrId, extension: p.lrId })),
    read: (root) => ({ lrId: extensionOf(root, "id") }),
  };
}

export const lrCreatedCodec = lrIdCodec("CreationResponseConfirm");
export const lrStatusChangedCodec = lrIdCodec("SCConfirm");
