import {
  actorEl,
  extensionOf,
  type LrActor,
  type PayloadCodec,
  readActor,
  readRecordTarget,
  recordTargetEl,
} from "@/lib/hl7/messages/payload-parts";
import { SC_REASON_CODES } from "@/lib/hl7/vocab/lr-codes";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { el } from "@/lib/hl7/xml/xml-node";
import { required, requiredAttr } from "@/lib/hl7/xml/xml-query";

export interface ChangeLrStatusRequest {
  /** SCReasonCode (…16.22). */
  reasonCode: string;
  nhsNumber: string;
  author: LrActor;
  /** pertinentLR/id extension (root …18.3), 1–20 chars. */
  lrId: string;
}

/** REPC_IN040000UK15 payload: SCRequest (REPC_MT040101UK14), docs/domain.md §5.2. */
export const changeLrStatusCodec: PayloadCodec<ChangeLrStatusRequest> = {
  build(p) {
    return el(
      "SCRequest",
      { classCode: "PCPR", moodCode: "RQO" },
      el("reasonCode", { code: p.reasonCode, codeSystem: OIDS.scReasonCode, displayName: displayNameOf(SC_REASON_CODES, p.reasonCode) }),
      recordTargetEl(p.nhsNumber),
      actorEl(p.author),
      el(
        "pertinentInformation",
        { typeCode: "PERT" },
        el("pertinentLR", { classCode: "PCPR", moodCode: "RQO" }, el("id", { root: OIDS.lrId, extension: p.lrId })),
      ),
    );
  },
  read(root) {
    return {
      reasonCode: requiredAttr(required(root, "reasonCode"), "code", "SCRequest/reasonCode"),
      nhsNumber: readRecordTarget(root),
      author: readActor(required(root, "author")),
      lrId: extensionOf(root, "pertinentInformation/pertinentLR/id"),
    };
  },
};
