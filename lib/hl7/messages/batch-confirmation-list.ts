import { Hl7CodecError } from "@/lib/hl7/errors";
import { type PayloadCodec, readRecordTarget, recordTargetEl } from "@/lib/hl7/messages/payload-parts";
import type { Coded } from "@/lib/hl7/types";
import { blEl, codeEl, readBl, readChildCoded } from "@/lib/hl7/wrapper/datatypes";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { childElements, children } from "@/lib/hl7/xml/xml-query";

export type BatchConfirmResult = { kind: "status"; nhsNumber: string; hasLr: boolean } | { kind: "issue"; nhsNumber: string; issue: Coded };

/** One patient's `component` of the ConfirmationList. */
export function confirmationComponentEl(r: BatchConfirmResult): XmlElement {
  return el(
    "component",
    { typeCode: "COMP" },
    r.kind === "status"
      ? el("responseOptionsLRStatus", { classCode: "OBS", moodCode: "EVN" }, blEl("value", r.hasLr), recordTargetEl(r.nhsNumber))
      : el(
          "responseOptionsDetectedIssueEvent",
          { classCode: "ALRT", moodCode: "EVN" },
          codeEl("code", r.issue),
          recordTargetEl(r.nhsNumber),
        ),
  );
}

/** QUPC_IN250000UK02 ConfirmationList (REPC_MT130101UK02): per patient an LRStatus (BL) or a DetectedIssueEvent. */
export const batchConfirmationListCodec: PayloadCodec<{ results: BatchConfirmResult[] }> = {
  build: (p) => el("ConfirmationList", { classCode: "LIST", moodCode: "EVN" }, p.results.map(confirmationComponentEl)),
  read: (root) => ({
    results: children(root, "component").map((c): BatchConfirmResult => {
      const entry = childElements(c)[0];
      if (entry?.name === "responseOptionsLRStatus") return { kind: "status", nhsNumber: readRecordTarget(entry), hasLr: readBl(entry) };
      if (entry?.name === "responseOptionsDetectedIssueEvent") {
        return { kind: "issue", nhsNumber: readRecordTarget(entry), issue: readChildCoded(entry, "code") };
      }
      throw new Hl7CodecError("invalid_value", "ConfirmationList component has no LRStatus or DetectedIssueEvent");
    }),
  }),
};
