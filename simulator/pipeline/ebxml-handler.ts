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
import { readBatchQueryNhsNumbers } from "@/lib/hl7/messages/batch-query-patients";
import { nhsNumbersOf } from "@/simulator/business/business-operations";
import { headerValue, send } from "@/simulator/http/http-io";
import { fallbackRequest } from "@/simulator/pipeline/fallback-request";
import { announcedInteraction, readRequest, type SpineFrontHandler, unsupportedInteractionFault } from "@/simulator/pipeline/front-steps";
import { processRequest, soapFaultFor } from "@/simulator/pipeline/process-request";
import { deliverReply, persistDurationMs, redeliverStoredReply } from "@/simulator/reliable/async-reply";
import type { AccreditedSender } from "@/simulator/sds/sds-registry";
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
 * Acknowledgment when AckRequested) once the envelope is checked, before the message is processed;
 * the business reply is POSTed later to the sender's SDS-registered endpoint. Envelope-level
 * problems (and an injected transport SOAP fault) answer at once (SOAP fault or ebXML MessageError).
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

  // Spine's MHS acknowledges once the envelope is checked: the one fault decided before the 202 is
  // a transport-level SOAP fault; Spine's rules and the business processing follow the 202, and
  // their answer travels as the async reply. The fault is chosen by the patients the message names:
  // a batch query's 10,000 are read by the codec's fast reader, not by parsing its 1.3 MB first.
  const hl7Xml = parsedEnvelope.hl7Xml ?? "";
  const listed = announced === "QUPC_IN090000UK03" ? readBatchQueryNhsNumbers(hl7Xml) : undefined;
  let read = listed ? undefined : readRequest(context, hl7Xml);
  const chosenFault =
    context.faults.choose({
      interactionId: announced,
      nhsNumbers: listed ?? (read?.parsed ? nhsNumbersOf(read.parsed) : []),
      senderAsid: sender.asid,
    }) ?? null;
  if (chosenFault?.fault.kind === "soapFault") {
    // Not recorded as seen: a retried message after a (retriable) fault is processed afresh.
    const fault = soapFaultFor(chosenFault.fault.errorCode, chosenFault.fault.description);
    return answer(context, response, 500, buildSoapFault(fault), `soap-fault:${chosenFault.fault.errorCode}`, {
      interactionId: announced,
      eb,
    });
  }

  if (eb.duplicateElimination) {
    // Recorded before the 202, so a re-send while this one is processed is a duplicate, never a
    // second processing. An expired entry for the same id is replaced: after the persist duration it is a new message.
    await recordSeen(context, eb, sender, now);
  }
  await answer(context, response, 202, ackBody, "accepted", acknowledged);

  try {
    read ??= readRequest(context, hl7Xml);
    const { parsed, parseProblem, document } = read;
    const result = await processRequest(context, {
      request: parsed,
      fallback: fallbackRequest(context, announced, { messageId: eb.messageId, senderAsid: sender.asid }),
      transportAgrees: true,
      parseProblem,
      validationInput: document ?? hl7Xml,
      syncTransport: false,
      sender: parsed && parsed.header.senderAsid !== sender.asid ? undefined : sender,
      chosenFault,
    });
    if (result.kind === "soap-fault") throw new Error(`a SOAP fault after the 202 cannot be sent: ${result.outcome}`);
    await deliverReply(context, {
      reply: result.reply,
      deliveryFault: result.deliveryFault,
      sender,
      requestInteractionId: announced,
      requestEbxml: eb,
    });
  } catch (error) {
    // Spine failed after acknowledging: no reply comes. The message is forgotten as seen, so the
    // sender's re-send (its reply never came) is processed afresh.
    console.error(`simulator: ebXML request ${eb.messageId} failed after its 202`, error);
    if (eb.duplicateElimination) await context.db.deleteFrom("seen_messages").where("message_id", "=", eb.messageId).execute();
  }
};

async function recordSeen(context: SimulatorContext, eb: EbxmlHeaderFields, sender: AccreditedSender, now: Date): Promise<void> {
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
