import type { ServerResponse } from "node:http";
import {
  buildSoapFault,
  buildSoapResponse,
  fromWsaMessageId,
  INTERACTIONS,
  interactionFromSoapAction,
  isRequestInteraction,
  parseSoapEnvelope,
  type RequestInteractionId,
  type SoapFault,
  spineError,
  validateRequest,
} from "@/lib/hl7";
import { send } from "@/simulator/http/http-io";
import { withWrongReference } from "@/simulator/pipeline/delivery-faults";
import { fallbackRequest } from "@/simulator/pipeline/fallback-request";
import {
  announcedInteraction,
  answerWithReply,
  readRequest,
  type SpineFrontHandler,
  unsupportedInteractionFault,
  waitToAnswer,
} from "@/simulator/pipeline/front-steps";
import { processRequest, soapFaultFor } from "@/simulator/pipeline/process-request";
import type { SimulatorContext } from "@/simulator/simulator-context";

const XML = "text/xml; charset=utf-8";

/**
 * /sync-service serves only the interactions the reference says are sync (docs/domain.md §1.1: the
 * confirm query); updates and express queries travel as ebXML to /reliablemessaging/….
 */
function servedSynchronously(interactionId: RequestInteractionId): boolean {
  return INTERACTIONS[interactionId].pattern === "sync";
}

async function answerFault(context: SimulatorContext, response: ServerResponse, fault: SoapFault, outcome: string, interactionId?: string) {
  const body = buildSoapFault(fault);
  await context.journal.record({ direction: "outbound", transport: "sync-soap", interactionId, httpStatus: 500, outcome, body });
  send(response, 500, body, XML);
}

/** POST /sync-service: SOAP in, SOAP out (HTTP 200 for replies incl. AE/AR, 500 for SOAP faults). */
export const handleSyncRequest: SpineFrontHandler = async (context, request, response, body) => {
  const { soapAction, announced } = announcedInteraction(request);
  // Journalled once the message id is known (or as soon as it is clear it never will be).
  const recordInbound = (messageId?: string) =>
    context.journal.record({
      direction: "inbound",
      transport: "sync-soap",
      interactionId: announced,
      messageId,
      outcome: "received",
      body,
    });

  if (!announced || !isRequestInteraction(announced) || !servedSynchronously(announced)) {
    const fault = unsupportedInteractionFault(soapAction);
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

  const { parsed, parseProblem, document } = readRequest(context, body);
  const messageId = envelope.header.messageId ? fromWsaMessageId(envelope.header.messageId) : parsed?.header.messageId;
  const senderAsid = envelope.header.senderAsid ?? parsed?.header.senderAsid;
  await recordInbound(messageId);
  const result = await processRequest(context, {
    request: parsed,
    fallback: fallbackRequest(context, announced, { messageId, senderAsid }),
    // wsa:Action disagreeing with the HTTP SOAPAction is an interaction mismatch, like a wrong interactionId.
    transportAgrees: wsaAction === announced,
    parseProblem,
    validationInput: document ?? body,
    syncTransport: true,
    sender: context.sds.byAsid(senderAsid),
  });

  if (result.kind === "soap-fault") return answerFault(context, response, result.fault, result.outcome, announced);

  const fault = result.deliveryFault;
  if (fault?.kind === "noReply") {
    await context.journal.record({
      direction: "outbound",
      transport: "sync-soap",
      interactionId: result.reply.interactionId,
      outcome: "no-reply",
      body: "",
    });
  }
  if ((await waitToAnswer(context, response, fault)) === "dropped") return;
  let reply = result.reply;
  let relatesTo = messageId ?? reply.header.acknowledgement.messageRefId;
  if (fault?.kind === "wrongRefToMessageId") {
    const wrong = withWrongReference(reply);
    reply = wrong.reply;
    relatesTo = wrong.refToMessageId;
  }
  const xml = buildSoapResponse(reply, {
    relatesTo,
    fromAddress: context.config.spine.syncFromAddress,
    // Errors (QUQI/MCCI) travel on the request's service.
    service: INTERACTIONS[announced].service,
  });
  await answerWithReply(context, response, {
    transport: "sync-soap",
    reply,
    body: xml,
    fault,
    outcome: result.outcome,
    refToMessageId: relatesTo,
  });
};
