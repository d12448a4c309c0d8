import { z } from "zod";
import { buildReply, INTERACTIONS, isRequestInteraction, type SoapFault } from "@/lib/hl7";
import { isMhsSyncAsync } from "@/lib/hl7/vocab/mhs-sync-async";
import { headerValue, send, sendJson } from "@/simulator/http/http-io";
import { withWrongReference } from "@/simulator/pipeline/delivery-faults";
import { fallbackRequest } from "@/simulator/pipeline/fallback-request";
import { answerWithReply, readRequest, type SpineFrontHandler, waitToAnswer } from "@/simulator/pipeline/front-steps";
import { type ProcessResult, processRequest } from "@/simulator/pipeline/process-request";
import { deliverReply } from "@/simulator/reliable/async-reply";

/** Interactions the adaptor will wait for (sync-async wrap); data, not code. */

const mhsBodySchema = z.object({
  payload: z.string().min(1),
  attachments: z.array(z.unknown()).max(98).optional(),
});

/** The MHS adaptor's 500 body for SOAP/ebXML errors from Spine. */
function mhsErrorBody(fault: SoapFault, processKey: string) {
  return {
    error_message: "Error(s) received from Spine. Contact system administrator.",
    process_key: processKey,
    errors: fault.errors.map((error) => ({ ...error, errorType: "soap_fault" })),
  };
}

/**
 * POST / — a stand-in for the NHS MHS adaptor's outbound API (docs/domain.md §8.4): JSON {payload}
 * plus Interaction-Id / wait-for-response / Message-Id / Correlation-Id / from-asid headers.
 * 200 with Spine's XML (sync, or async waited for), 202 when the reply goes to the inbound
 * endpoint, 500 with an error list on SOAP faults, 400/404 on bad requests (including
 * wait-for-response: true where the adaptor cannot wrap the interaction sync-async).
 */
export const handleMhsRequest: SpineFrontHandler = async (context, request, response, body) => {
  const interactionId = headerValue(request, "interaction-id");
  const waitHeader = headerValue(request, "wait-for-response");
  const correlationId = headerValue(request, "correlation-id");
  const echo: Record<string, string> = {};
  if (correlationId) echo["correlation-id"] = correlationId;
  await context.journal.record({ direction: "inbound", transport: "mhs", interactionId, outcome: "received", body });

  if (!interactionId) return send(response, 400, "Required Interaction-Id header not passed", "text/plain", echo);
  if (waitHeader !== "true" && waitHeader !== "false") {
    return send(response, 400, 'wait-for-response header must be "true" or "false"', "text/plain", echo);
  }
  if (!isRequestInteraction(interactionId)) {
    return send(response, 404, `Couldn't determine workflow for interaction ID: ${interactionId.slice(0, 40)}`, "text/plain", echo);
  }
  // The adaptor refuses a sync-async wrap for sync interactions and for async ones it cannot wrap.
  if (waitHeader === "true" && !isMhsSyncAsync(interactionId)) {
    return send(response, 400, "Message header requested sync-async wrap for un-supported sync-async", "text/plain", echo);
  }
  let payload: string;
  try {
    payload = mhsBodySchema.parse(JSON.parse(body)).payload;
  } catch {
    return send(response, 400, 'Body must be JSON {"payload": "<HL7 XML>"}', "text/plain", echo);
  }

  const { parsed, parseProblem, document } = readRequest(context, payload);
  const messageId = parsed?.header.messageId ?? headerValue(request, "message-id");
  if (messageId) echo["message-id"] = messageId;
  const senderAsid = headerValue(request, "from-asid") ?? parsed?.header.senderAsid;
  const sender = context.sds.byAsid(senderAsid);
  const input = {
    request: parsed,
    fallback: fallbackRequest(context, interactionId, { messageId, senderAsid }),
    transportAgrees: true,
    parseProblem,
    validationInput: document ?? payload,
    syncTransport: false,
    sender,
  };
  const info = INTERACTIONS[interactionId];
  let result: ProcessResult = await processRequest(context, input);
  // The real MHS retries retriable (206) faults on reliable interactions itself, per SDS retries.
  for (let retry = 0; retry < (sender?.reliability.retries ?? 0) && isRetriable(result) && info.pattern === "async-reliable"; retry++) {
    result = await processRequest(context, input);
  }
  if (result.kind === "soap-fault") {
    await context.journal.record({
      direction: "outbound",
      transport: "mhs",
      interactionId,
      httpStatus: 500,
      outcome: result.outcome,
      body: "",
    });
    return sendJson(response, 500, mhsErrorBody(result.fault, messageId ?? "unknown"), echo);
  }

  const waitForReply = info.pattern === "sync" || waitHeader === "true";
  if (!waitForReply && sender) {
    await deliverReply(context, {
      reply: result.reply,
      deliveryFault: result.deliveryFault,
      sender,
      requestInteractionId: interactionId,
      requestEbxml: {
        messageId: messageId ?? result.reply.header.acknowledgement.messageRefId,
        conversationId: correlationId ?? messageId ?? "",
      },
    });
    await context.journal.record({
      direction: "outbound",
      transport: "mhs",
      interactionId,
      httpStatus: 202,
      outcome: `accepted:${result.outcome}`,
      body: "",
    });
    return send(response, 202, "", "text/plain", echo);
  }

  const fault = result.deliveryFault;
  if ((await waitToAnswer(context, response, fault)) === "dropped") return;
  const reply = fault?.kind === "wrongRefToMessageId" ? withWrongReference(result.reply).reply : result.reply;
  await answerWithReply(context, response, {
    transport: "mhs",
    reply,
    body: buildReply(reply),
    fault,
    outcome: result.outcome,
    headers: echo,
  });
};

function isRetriable(result: ProcessResult): boolean {
  return result.kind === "soap-fault" && result.fault.errors.some((error) => error.errorCode === "206");
}
