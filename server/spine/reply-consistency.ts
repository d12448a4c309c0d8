import "server-only";
import { type Hl7Reply, type Hl7Request, INTERACTIONS, isHl7CodecError, isRequestInteraction, parseRequest } from "@/lib/hl7";
import { readBatchQueryNhsNumbers } from "@/lib/hl7/messages/batch-query-patients";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import type { OutboxMessage } from "@/server/db/outbox";
import { STORED_MESSAGE_PARSE_OPTIONS } from "./spine-options";

/**
 * Does an async reply fit the message it claims to answer? eb:RefToMessageId only says which
 * outbox row a reply is for; before the reply may change that row, what it says must agree with
 * itself and with what we sent: eb:Action the same as the payload's interaction, a reply interaction
 * the request can receive (the `replies` table in lib/hl7/vocab/interactions.ts), the same message in the HL7 acknowledgement, no patient we did not ask about,
 * and for a status change the LR we named. A contradiction is refused and changes nothing.
 */
export type ReplyContradiction =
  | { kind: "interaction"; description: string }
  | { kind: "reference"; description: string }
  | { kind: "patient"; description: string }
  | { kind: "lr"; description: string }
  | { kind: "request-unreadable"; description: string };

/** The patients a reply names (NHS numbers, normalised); empty when it names none. */
export function patientsNamedByReply(reply: Hl7Reply): string[] {
  switch (reply.interactionId) {
    case "QUPC_IN060000UK32":
    case "QUPC_IN070000UK32":
      return [normaliseNhsNumber(reply.payload.nhsNumber)];
    case "QUPC_IN250000UK02":
      return reply.payload.results.map((r) => normaliseNhsNumber(r.nhsNumber));
    default:
      return [];
  }
}

/** The patients a request names (NHS numbers, normalised); empty when it names none. */
export function patientsNamedByRequest(request: Hl7Request): string[] {
  const payload = request.payload as { nhsNumber?: unknown; nhsNumbers?: unknown };
  if (typeof payload.nhsNumber === "string") return [normaliseNhsNumber(payload.nhsNumber)];
  if (Array.isArray(payload.nhsNumbers)) return payload.nhsNumbers.map((n) => normaliseNhsNumber(String(n)));
  return [];
}

/** The first way `reply` contradicts the outbox row it refers to, or undefined when it fits. */
export function replyContradiction(
  row: Pick<OutboxMessage, "messageId" | "interactionId" | "nhsNumber" | "requestBody">,
  reply: Hl7Reply,
  /** eb:Action of the ebXML message that carried the reply. */
  ebxmlAction?: string,
): ReplyContradiction | undefined {
  if (ebxmlAction !== undefined && ebxmlAction !== reply.interactionId) {
    return {
      kind: "interaction",
      description: `eb:Action ${ebxmlAction.slice(0, 40)} does not match the payload's ${reply.interactionId}`,
    };
  }
  const expected = isRequestInteraction(row.interactionId) ? INTERACTIONS[row.interactionId].replies : [];
  if (!expected.includes(reply.interactionId)) {
    return { kind: "interaction", description: `${reply.interactionId} is not a reply to ${row.interactionId}` };
  }
  const messageRef = reply.header.acknowledgement.messageRefId.trim().toUpperCase();
  if (messageRef !== row.messageId.toUpperCase()) {
    return { kind: "reference", description: "acknowledgement/messageRef does not name the message eb:RefToMessageId names" };
  }
  const namedByReply = patientsNamedByReply(reply);
  const needsRequest = namedByReply.length > 0 || reply.interactionId === "REPC_IN050000UK13";
  if (!needsRequest) return undefined;

  // A 10,000-patient batch request (1.3 MB) is not parsed back: its patients are read from the stored bytes as built.
  const batchAsked = reply.interactionId === "QUPC_IN250000UK02" ? readBatchQueryNhsNumbers(row.requestBody) : undefined;
  let request: Hl7Request | undefined;
  try {
    if (!batchAsked) request = parseRequest(row.requestBody, STORED_MESSAGE_PARSE_OPTIONS);
  } catch (error) {
    if (!isHl7CodecError(error)) throw error;
  }
  if (namedByReply.length > 0) {
    // The outbox column wins where it is set; otherwise the request as it was sent.
    const sent = batchAsked?.map(normaliseNhsNumber) ?? (request ? patientsNamedByRequest(request) : []);
    const asked = new Set(row.nhsNumber ? [normaliseNhsNumber(row.nhsNumber)] : sent);
    if (!row.nhsNumber && !request && !batchAsked) {
      return { kind: "request-unreadable", description: "the stored request cannot be read to check the reply's patient" };
    }
    if (namedByReply.some((nhsNumber) => !asked.has(nhsNumber))) {
      return { kind: "patient", description: "the reply names a patient this message did not ask about" };
    }
  }
  if (reply.interactionId === "REPC_IN050000UK13") {
    if (request?.interactionId !== "REPC_IN040000UK15") {
      return { kind: "request-unreadable", description: "the stored request cannot be read to check the reply's LR" };
    }
    if (reply.payload.lrId.trim().toUpperCase() !== request.payload.lrId.trim().toUpperCase()) {
      return { kind: "lr", description: "the reply confirms a different LR than the one whose status was changed" };
    }
  }
  return undefined;
}
