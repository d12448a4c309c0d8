import { Hl7CodecError } from "@/lib/hl7/errors";
import { type BatchConfirmResult, confirmationComponentEl } from "@/lib/hl7/messages/batch-confirmation-list";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/**
 * Writing a QUPC_IN250000UK02 of up to 10,000 patients (≈ 3.5 MB) without building 10,000 element
 * trees. The message is built by the codec with its first patient only (the skeleton); every
 * patient's `component` is then written where that one was. An LR status component differs from
 * the next one with the same status only in its ten digits (which need no escaping), so each of the
 * two forms is serialised once by the codec's builder and reused with the digits in place; a
 * DetectedIssueEvent, or anything but ten digits, is serialised in full. The bytes are exactly
 * `serializeXml(replyToElement(reply))` (tested).
 */
const TEN_DIGITS = /^\d{10}$/;

function componentXml(result: BatchConfirmResult): string {
  return serializeXml(confirmationComponentEl(result));
}

/** The text either side of the NHS number in a status component, per status, made on first use. */
function componentWriter(): (result: BatchConfirmResult) => string {
  const forms = new Map<boolean, [string, string] | null>();
  const formOf = (result: Extract<BatchConfirmResult, { kind: "status" }>) => {
    let form = forms.get(result.hasLr);
    if (form === undefined) {
      const pieces = componentXml(result).split(result.nhsNumber);
      form = pieces.length === 2 ? [pieces[0] ?? "", pieces[1] ?? ""] : null;
      forms.set(result.hasLr, form);
    }
    return form;
  };
  return (result) => {
    if (result.kind !== "status" || !TEN_DIGITS.test(result.nhsNumber)) return componentXml(result);
    const form = formOf(result);
    return form ? form[0] + result.nhsNumber + form[1] : componentXml(result);
  };
}

export function writeBatchConfirmation(
  results: readonly BatchConfirmResult[],
  skeletonOf: (first: BatchConfirmResult) => XmlElement,
): string {
  const first = results[0];
  if (first === undefined) throw new Hl7CodecError("invalid_input", "a batch confirmation with no patient has no list to write");
  const skeleton = serializeXml(skeletonOf(first));
  const firstXml = componentXml(first);
  const at = skeleton.indexOf(firstXml);
  if (at < 0 || skeleton.indexOf(firstXml, at + 1) >= 0) {
    throw new Hl7CodecError("invalid_value", "the batch confirmation's patient list could not be placed in its message");
  }
  const write = componentWriter();
  const parts: string[] = [skeleton.slice(0, at)];
  for (const result of results) parts.push(write(result));
  parts.push(skeleton.slice(at + firstXml.length));
  return parts.join("");
}
