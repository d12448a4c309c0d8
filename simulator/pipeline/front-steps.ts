import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Hl7Reply,
  type Hl7Request,
  type InteractionId,
  interactionFromSoapAction,
  parseXml,
  requestFromElement,
  type SoapFault,
  spineError,
} from "@/lib/hl7";
import { guardParse } from "@/lib/hl7/guard";
import { readBatchQuerySkeleton } from "@/lib/hl7/messages/batch-query-patients";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { closedSignal, headerValue, send, sleep } from "@/simulator/http/http-io";
import { malformed, replyDelayMs } from "@/simulator/pipeline/delivery-faults";
import { type DeliveryFault, soapFaultFor } from "@/simulator/pipeline/process-request";
import type { SimulatorContext } from "@/simulator/simulator-context";

/** Steps Spine's HTTP fronts (sync SOAP, ebXML, the MHS adaptor stand-in) take alike. */

/** A front's route: the request with its body already read. */
export type SpineFrontHandler = (
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => Promise<void>;

/** The SOAPAction header as sent, and the interaction it names (undefined when it names none). */
export function announcedInteraction(request: IncomingMessage): { soapAction: string; announced: InteractionId | undefined } {
  const soapAction = headerValue(request, "soapaction") ?? "";
  return { soapAction, announced: interactionFromSoapAction(soapAction) };
}

/** TMS fault 101 for a SOAPAction naming no interaction this front serves, on no service that carries it (docs/domain.md §1.4, §7.2). */
export function unsupportedInteractionFault(soapAction: string): SoapFault {
  const unsupported = spineError("tmsUnsupportedInteraction");
  const fault = soapFaultFor(unsupported.code, `${unsupported.text}: SOAPAction "${soapAction.slice(0, 80)}"`);
  for (const error of fault.errors) error.location = "HTTP Header - SOAPAction";
  return fault;
}

export interface ReadRequest {
  parsed?: Hl7Request;
  parseProblem?: string;
  /** The document as parsed, once: Spine's rules run on it (`validationInput`) instead of parsing it again. */
  document?: XmlElement;
}

/** The typed request in an HL7 document, or why the codec could not read it: Spine answers that too, so it is not thrown. */
export function readRequest(context: SimulatorContext, hl7Xml: string): ReadRequest {
  return readBatchQuery(context, hl7Xml) ?? readWholeRequest(context, hl7Xml);
}

function readWholeRequest(context: SimulatorContext, hl7Xml: string): ReadRequest {
  let document: XmlElement | undefined;
  try {
    document = guardParse(() => parseXml(hl7Xml, { maxBytes: context.config.bodyLimitBytes }));
    return { parsed: guardParse(() => requestFromElement(document as XmlElement)), document };
  } catch (error) {
    return { parseProblem: (error as Error).message, ...(document ? { document } : {}) };
  }
}

/**
 * A batch query of up to 10,000 patients in the codec's own form: its skeleton parsed (and checked
 * by Spine's rules, which read every patient.id alike: the form fixes their root and semanticsText)
 * and the patients read by the fast reader. Anything else — another form, more than 10,000
 * patients for the batch-size rule to refuse, a skeleton that does not read — is read whole.
 */
function readBatchQuery(context: SimulatorContext, hl7Xml: string): ReadRequest | undefined {
  if (!hl7Xml.includes("QUPC_IN090000UK03") || Buffer.byteLength(hl7Xml) > context.config.bodyLimitBytes) return undefined;
  const batch = readBatchQuerySkeleton(hl7Xml);
  if (!batch || batch.nhsNumbers.length > BATCH_QUERY_LIMIT) return undefined;
  const skeleton = readWholeRequest(context, batch.skeletonXml);
  if (skeleton.parsed?.interactionId !== "QUPC_IN090000UK03") return undefined;
  return { ...skeleton, parsed: { ...skeleton.parsed, payload: { ...skeleton.parsed.payload, nhsNumbers: batch.nhsNumbers } } };
}

const BATCH_QUERY_LIMIT = 10_000;

/**
 * Before an answer in the HTTP response: wait as the delivery fault says. Under the noReply fault
 * the connection is held, then dropped, and there is nothing more to send ("dropped").
 */
export async function waitToAnswer(
  context: SimulatorContext,
  response: ServerResponse,
  fault: DeliveryFault | undefined,
): Promise<"answer" | "dropped"> {
  if (fault?.kind === "noReply") {
    await sleep(context.config.noReplyHoldMs, closedSignal(response));
    response.destroy();
    return "dropped";
  }
  await sleep(replyDelayMs(fault, context.config, 0), closedSignal(response));
  return "answer";
}

/** Spine's reply as the HTTP answer (200), cut short under the malformedReply fault, journalled as sent. */
export async function answerWithReply(
  context: SimulatorContext,
  response: ServerResponse,
  answer: {
    transport: "sync-soap" | "mhs";
    reply: Hl7Reply;
    body: string;
    fault: DeliveryFault | undefined;
    outcome: string;
    refToMessageId?: string;
    headers?: Record<string, string>;
  },
): Promise<void> {
  const body = answer.fault?.kind === "malformedReply" ? malformed(answer.body) : answer.body;
  await context.journal.record({
    direction: "outbound",
    transport: answer.transport,
    interactionId: answer.reply.interactionId,
    messageId: answer.reply.header.messageId,
    refToMessageId: answer.refToMessageId,
    httpStatus: 200,
    outcome: answer.outcome,
    body,
  });
  send(response, 200, body, "text/xml; charset=utf-8", answer.headers);
}
