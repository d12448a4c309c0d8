import { Hl7CodecError } from "@/lib/hl7/errors";
import { iiParam, SEMANTICS_TEXT } from "@/lib/hl7/messages/payload-parts";
import { requestToElement } from "@/lib/hl7/requests";
import type { OutboundHl7 } from "@/lib/hl7/transport/outbound";
import type { Hl7Request } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/**
 * Building a QUPC_IN090000UK03 of up to 10,000 patients (≈ 1.3 MB) without holding the event loop.
 * The message is built once with its first patient only (the skeleton: wrapper, ControlActEvent,
 * parameterList and one `patient.id`), which the caller checks by Spine's rules; then every
 * patient's `patient.id` is serialised, in slices with a pause between them, and put where the
 * skeleton's one patient was. A `patient.id` differs from the next only in its ten digits (which
 * need no escaping), so the element is serialised once by the codec's own builder and each patient
 * is that text with its digits in place; anything but ten digits is serialised in full. The bytes
 * are exactly `serializeXml(requestToElement(request))` (tested), built in pieces.
 */
export type BatchConfirmQueryRequest = Extract<Hl7Request, { interactionId: "QUPC_IN090000UK03" }>;

export interface SlicedBuildOptions {
  /** Patients per slice (default 1,000). */
  patientsPerSlice?: number;
  /** Awaited between slices, e.g. `() => new Promise((r) => setImmediate(r))`. */
  pause?: () => Promise<void>;
  /** Checks the skeleton element (Spine's rules) before anything else is built; throws to refuse. */
  checkSkeleton?: (skeleton: XmlElement) => void;
}

function patientIdXml(nhsNumber: string): string {
  return serializeXml(iiParam("patient.id", OIDS.nhsNumber, nhsNumber, SEMANTICS_TEXT.patientId));
}

const TEN_DIGITS = /^\d{10}$/;

/** `patientIdXml`, from one serialised element: the text around the NHS number, reused for every ten-digit number. */
function patientIdWriter(sample: string): (nhsNumber: string) => string {
  const pieces = TEN_DIGITS.test(sample) ? patientIdXml(sample).split(sample) : [];
  const [before, after] = pieces;
  if (pieces.length !== 2 || before === undefined || after === undefined) return patientIdXml;
  return (nhsNumber) => (TEN_DIGITS.test(nhsNumber) ? before + nhsNumber + after : patientIdXml(nhsNumber));
}

export async function buildBatchConfirmQueryInSlices(
  request: BatchConfirmQueryRequest,
  options: SlicedBuildOptions = {},
): Promise<OutboundHl7> {
  const { nhsNumbers } = request.payload;
  const first = nhsNumbers[0];
  if (first === undefined) throw new Hl7CodecError("invalid_input", "a batch confirm query names at least one patient");
  const skeletonElement = requestToElement({ ...request, payload: { ...request.payload, nhsNumbers: [first] } });
  options.checkSkeleton?.(skeletonElement);
  const skeleton = serializeXml(skeletonElement);
  const firstXml = patientIdXml(first);
  const at = skeleton.indexOf(firstXml);
  if (at < 0 || skeleton.indexOf(firstXml, at + 1) >= 0) {
    throw new Hl7CodecError("invalid_value", "the batch query's patient list could not be placed in its message");
  }
  const perSlice = Math.max(1, options.patientsPerSlice ?? 1_000);
  const writePatientId = patientIdWriter(first);
  const parts: string[] = [skeleton.slice(0, at)];
  for (let from = 0; from < nhsNumbers.length; from += perSlice) {
    if (from > 0 && options.pause) await options.pause();
    const slice = nhsNumbers.slice(from, from + perSlice);
    parts.push(slice.map(writePatientId).join(""));
  }
  parts.push(skeleton.slice(at + firstXml.length));
  return {
    interactionId: request.interactionId,
    messageId: request.header.messageId,
    hl7: parts.join(""),
    senderAsid: request.header.senderAsid,
    receiverAsid: request.header.receiverAsid,
  };
}
