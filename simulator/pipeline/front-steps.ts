import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Hl7Reply,
  type Hl7Request,
  type InteractionId,
  interactionFromSoapAction,
  parseRequest,
  type SoapFault,
  spineError,
} from "@/lib/hl7";
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

/** The typed request in an HL7 document, or why the codec could not read it: Spine answers that too, so it is not thrown. */
export function readRequest(context: SimulatorContext, hl7Xml: string): { parsed?: Hl7Request; parseProblem?: string } {
  try {
    return { parsed: parseRequest(hl7Xml, { limits: { maxBytes: context.config.bodyLimitBytes } }) };
  } catch (error) {
    return { parseProblem: (error as Error).message };
  }
}

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
