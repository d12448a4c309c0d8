import type { IncomingMessage, ServerResponse } from "node:http";
import {
  buildSoapFault,
  buildSoapResponse,
  fromWsaMessageId,
  type Hl7Request,
  INTERACTIONS,
  interactionFromSoapAction,
  isRequestInteraction,
  parseRequest,
  parseSoapEnvelope,
  type RequestInteractionId,
  type SoapFault,
  spineError,
  validateRequest,
} from "@/lib/hl7";
import { closedSignal, headerValue, send, sleep } from "@/simulator/http/http-io";
import { malformed, replyDelayMs, withWrongReference } from "@/simulator/pipeline/delivery-faults";
import { fallbackRequest } from "@/simulator/pipeline/fallback-request";
import { processRequest, soapFaultFor } from "@/simulator/pipeline/process-request";
import type { SimulatorContext } from "@/simulator/simulator-context";

const XML = "text/xml; charset=utf-8";

/** Queries may be answered synchronously; updates only travel as reliable ebXML. */
function servedSynchronously(interactionId: RequestInteractionId): boolean {
  return INTERACTIONS[interactionId].payloadSlot === "query";
}

async function answerFault(context: SimulatorContext, response: ServerResponse, fault: SoapFault, outcome: string, interactionId?: string) {
  const body = buildSoapFault(fault);
  await context.journal.record({ direction: "outbound", transport: "sync-soap", interactionId, httpStatus: 500, outcome, body });
  send(response, 500, body, XML);
}

/** POST /sync-service: SOAP in, SOAP out (HTTP 200 for replies incl. AE/AR, 500 for SOAP faults). */
export async function handleSyncRequest(
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
): Promise<void> {
  const soapAction = headerValue(request, "soapaction") ?? "";
  const announced = interactionFromSoapAction(soapAction);
  // Journalled once the message id is known (or as soon as it is clear it never will be).
  const recordInbound = (messageId?: string) =>
    context.journal.record({ direction: "inbound", transport: "sync-soap", interactionId: announced, messageId, outcome: "received", body });

  if (!announced || !isRequestInteraction(announced) || !servedSynchronously(announced)) {
    const unsupported = spineError("tmsUnsupportedInteraction");
    const fault = soapFaultFor(unsupported.code, `${unsupported.text}: SOAPAction "${soapAction.slice(0, 80)}"`);
    const [error] = fault.errors;
    if (error) error.location = "HTTP Header - SOAPAction";
    await recordInbound();
    return answerFault(context, response, fault, "soap-fault:101");
  }

  let envelope: ReturnType<typeof parseSoapEnvelope>;
  try {
    envelope = parseSoapEnvelope(body, { limits: { maxBytes: context.config.bodyLimitBytes } });
  } catch (error) {
    // The shared rule set names the failure (ErrorBaseTms.MESSAGE_NOT_WELL_FORMED for unreadable XML).
    const rules = validateRequest(body, { envelope: "require", limits: { maxBytes: context.config.bodyLimitBytes } })
      .map((violation) => violation.rule)
      .join(" ");
    const description = `${rules || spineError("tmsNotWellFormed").text} (${(error as Error).message})`;
    await recordInbound();
    return answerFault(context, response, soapFaultFor("200", description), "soap-fault:not-well-formed", announced);
  }
  const wsaAction = envelope.header.action ? interactionFromSoapAction(envelope.header.action) : announced;

  let parsed: Hl7Request | undefined;
  let parseProblem: string | undefined;
  try {
    parsed = parseRequest(body, { limits: { maxBytes: context.config.bodyLimitBytes } });
  } catch (error) {
    parseProblem = (error as Error).message;
  }
  const messageId = envelope.header.messageId ? fromWsaMessageId(envelope.header.messageId) : parsed?.header.messageId;
  const senderAsid = envelope.header.senderAsid ?? parsed?.header.senderAsid;
  await recordInbound(messageId);
  const result = await processRequest(context, {
    request: parsed,
    fallback: fallbackRequest(context, announced, { messageId, senderAsid }),
    // wsa:Action disagreeing with the HTTP SOAPAction is an interaction mismatch, like a wrong interactionId.
    transportAgrees: wsaAction === announced,
    parseProblem,
    validationInput: body,
    syncTransport: true,
    sender: context.sds.byAsid(senderAsid),
  });

  if (result.kind === "soap-fault") return answerFault(context, response, result.fault, result.outcome, announced);

  const fault = result.deliveryFault;
  if (fault?.kind === "noReply") {
    await context.journal.record({ direction: "outbound", transport: "sync-soap", interactionId: result.reply.interactionId, outcome: "no-reply", body: "" });
    await sleep(context.config.noReplyHoldMs, closedSignal(response));
    response.destroy();
    return;
  }
  await sleep(replyDelayMs(fault, context.config, 0), closedSignal(response));
  let reply = result.reply;
  let relatesTo = messageId ?? reply.header.acknowledgement.messageRefId;
  if (fault?.kind === "wrongRefToMessageId") {
    const wrong = withWrongReference(reply);
    reply = wrong.reply;
    relatesTo = wrong.refToMessageId;
  }
  let xml = buildSoapResponse(reply, {
    relatesTo,
    fromAddress: context.config.spine.syncFromAddress,
    // Errors (QUQI/MCCI) travel on the request's service.
    service: INTERACTIONS[announced].service,
  });
  if (fault?.kind === "malformedReply") xml = malformed(xml);
  await context.journal.record({
    direction: "outbound",
    transport: "sync-soap",
    interactionId: reply.interactionId,
    messageId: reply.header.messageId,
    refToMessageId: relatesTo,
    httpStatus: 200,
    outcome: result.outcome,
    body: xml,
  });
  send(response, 200, xml, XML);
}
