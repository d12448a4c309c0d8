import type { ServerResponse } from "node:http";
import {
  buildEbxmlAcknowledgment,
  buildEbxmlMessageError,
  buildSoapFault,
  type EbxmlError,
  type EbxmlHeaderFields,
  formatEbxmlTimestamp,
  INTERACTIONS,
  isRequestInteraction,
  newMessageId,
  parseEbxmlMessage,
  spineError,
} from "@/lib/hl7";
import { nhsNumbersOf } from "@/simulator/business/business-operations";
import { headerValue, send } from "@/simulator/http/http-io";
import { fallbackRequest } from "@/simulator/pipeline/fallback-request";
import { announcedInteraction, readRequest, type SpineFrontHandler, unsupportedInteractionFault } from "@/simulator/pipeline/front-steps";
import { processRequest, soapFaultFor } from "@/simulator/pipeline/process-request";
import { deliverReply, persistDurationMs, redeliverStoredReply } from "@/simulator/reliable/async-reply";
import type { SimulatorContext } from "@/simulator/simulator-context";

const XML = "text/xml; charset=utf-8";

function ackOptions(context: SimulatorContext, eb: EbxmlHeaderFields) {
  return {
    fromPartyId: context.config.spine.partyKey,
    toPartyId: eb.fromPartyId,
    cpaId: eb.cpaId,
    conversationId: eb.conversationId,
    messageId: newMessageId(),
    refToMessageId: eb.messageId,
    timestamp: formatEbxmlTimestamp(context.config.now()),
  };
}

interface Answered {
  /** What the answer is: "Acknowledgment", "MessageError", or the request interaction for SOAP faults. */
  interactionId?: string;
  messageId?: string;
  eb?: EbxmlHeaderFields;
}

async function answer(
  context: SimulatorContext,
  response: ServerResponse,
  status: number,
  body: string,
  outcome: string,
  about: Answered = {},
) {
  await context.journal.record({
    direction: "outbound",
    transport: "ebxml",
    interactionId: about.interactionId,
    messageId: about.messageId,
    refToMessageId: about.eb?.messageId,
    httpStatus: status,
    outcome,
    body,
  });
  send(response, status, body, XML);
}

function ebxmlError(description: string, errorCode = "ValueNotRecognized"): EbxmlError {
  return { codeContext: "urn:oasis:names:tc:ebxml-msg:service:errors", errorCode, severity: "Error", description };
}

/**
 * POST /reliablemessaging/reliablerequest and /queryrequest: ebXML multipart in; HTTP 202 (+ ebXML
 * Acknowledgment when AckRequested) at once; the business reply is POSTed later to the sender's
 * SDS-registered endpoint. Envelope-level problems answer at once (SOAP fault or ebXML MessageError).
 */
export const handleEbxmlRequest: SpineFrontHandler = async (context, request, response, body) => {
  const { soapAction, announced } = announcedInteraction(request);
  if (!announced || !isRequestInteraction(announced)) {
    await context.journal.record({ direction: "inbound", transport: "ebxml", outcome: "received", body, multipart: true });
    return answer(context, response, 500, buildSoapFault(unsupportedInteractionFault(soapAction)), "soap-fault:101");
  }

  let parsedEnvelope: ReturnType<typeof parseEbxmlMessage>;
  try {
    parsedEnvelope = parseEbxmlMessage(body, headerValue(request, "content-type") ?? "", {
      limits: { maxBytes: context.config.bodyLimitBytes },
    });
  } catch (error) {
    await context.journal.record({
      direction: "inbound",
      transport: "ebxml",
      interactionId: announced,
      outcome: "received",
      body,
      multipart: true,
    });
    const notWellFormed = spineError("tmsNotWellFormed");
    const fault = soapFaultFor(notWellFormed.code, `${notWellFormed.text} (${(error as Error).message})`);
    return answer(context, response, 500, buildSoapFault(fault), "soap-fault:not-well-formed", { interactionId: announced });
  }
  const eb = parsedEnvelope.header;
  await context.journal.record({
    direction: "inbound",
    transport: "ebxml",
    interactionId: announced,
    messageId: eb.messageId,
    outcome: "received",
    body,
    multipart: true,
  });

  const errorOptions = ackOptions(context, eb);
  const messageError: Answered = { interactionId: "MessageError", messageId: errorOptions.messageId, eb };
  const info = INTERACTIONS[announced];
  if (eb.service !== info.service || eb.action !== announced) {
    const error = ebxmlError(`eb:Service/eb:Action ${eb.service}/${eb.action} do not match SOAPAction ${soapAction}`);
    return answer(context, response, 500, buildEbxmlMessageError(errorOptions, [error]), "ebxml-error:action-mismatch", messageError);
  }
  const sender = context.sds.byCpaId(eb.cpaId);
  if (!sender) {
    const unknownCpa = spineError("unknownCpaId");
    const error = ebxmlError(unknownCpa.text, unknownCpa.code);
    return answer(context, response, 500, buildEbxmlMessageError(errorOptions, [error]), "ebxml-error:unknown-cpa", messageError);
  }
  // SDS keeps one CPA per service: another service's CPA (even the sender's own) is unknown here.
  if (context.sds.cpaIdFor(sender, info.service, announced) !== eb.cpaId) {
    const unknownCpa = spineError("unknownCpaId");
    const error = ebxmlError(`${unknownCpa.text} for ${info.service}`, unknownCpa.code);
    return answer(context, response, 500, buildEbxmlMessageError(errorOptions, [error]), "ebxml-error:cpa-not-for-service", messageError);
  }
  if (sender.partyKey !== eb.fromPartyId) {
    const error = ebxmlError(`eb:From/PartyId ${eb.fromPartyId} is not the party registered for eb:CPAId ${eb.cpaId}`);
    return answer(context, response, 500, buildEbxmlMessageError(errorOptions, [error]), "ebxml-error:party-mismatch", messageError);
  }

  const ack = ackOptions(context, eb);
  const ackBody = eb.ackRequested ? buildEbxmlAcknowledgment(ack) : "";
  const acknowledged: Answered = eb.ackRequested
    ? { interactionId: "Acknowledgment", messageId: ack.messageId, eb }
    : { interactionId: announced, eb };
  const now = context.config.now();
  if (eb.duplicateElimination) {
    const seen = await context.db
      .selectFrom("seen_messages")
      .selectAll()
      .where("message_id", "=", eb.messageId)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    if (seen) {
      // Duplicate within the persist duration: acknowledge again, never process again.
      // Its stored reply goes again, unless Spine is still not answering it (a noReply fault).
      const { parsed: duplicate } = readRequest(context, parsedEnvelope.hl7Xml ?? "");
      const withheld =
        duplicate !== undefined &&
        context.faults.withholdsReply({ interactionId: announced, nhsNumbers: nhsNumbersOf(duplicate), senderAsid: sender.asid });
      await answer(context, response, 202, ackBody, withheld ? "duplicate:re-acked:no-reply" : "duplicate:re-acked", acknowledged);
      if (!withheld) redeliverStoredReply(context, seen, sender);
      return;
    }
  }

  const { parsed, parseProblem } = readRequest(context, parsedEnvelope.hl7Xml ?? "");
  const result = await processRequest(context, {
    request: parsed,
    fallback: fallbackRequest(context, announced, { messageId: eb.messageId, senderAsid: sender.asid }),
    transportAgrees: true,
    parseProblem,
    validationInput: parsedEnvelope.hl7Xml ?? "",
    syncTransport: false,
    sender: parsed && parsed.header.senderAsid !== sender.asid ? undefined : sender,
  });
  if (result.kind === "soap-fault") {
    // Not recorded as seen: a retried message after a (retriable) fault is processed afresh.
    return answer(context, response, 500, buildSoapFault(result.fault), result.outcome, { interactionId: announced, eb });
  }

  if (eb.duplicateElimination) {
    // An expired entry for the same id is replaced: after the persist duration it is a new message.
    const seenRow = {
      message_id: eb.messageId,
      received_at: now.toISOString(),
      expires_at: new Date(now.getTime() + persistDurationMs(context, sender)).toISOString(),
      sender_party_key: sender.partyKey,
      reply_body: null,
      reply_content_type: null,
      reply_endpoint: null,
      reply_soap_action: null,
      reply_message_id: null,
      reply_interaction_id: null,
      reply_expects_ack: null,
    };
    await context.db
      .insertInto("seen_messages")
      .values(seenRow)
      .onConflict((conflict) => conflict.column("message_id").doUpdateSet(seenRow))
      .execute();
  }
  await answer(context, response, 202, ackBody, `accepted:${result.outcome}`, acknowledged);
  await deliverReply(context, {
    reply: result.reply,
    deliveryFault: result.deliveryFault,
    sender,
    requestInteractionId: announced,
    requestEbxml: eb,
  });
};
