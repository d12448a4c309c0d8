import "server-only";
import type { Logger } from "pino";
import {
  buildEbxmlAcknowledgment,
  buildEbxmlMessageError,
  type EbxmlError,
  type EbxmlHeaderFields,
  formatEbxmlTimestamp,
  isHl7CodecError,
  newMessageId,
  parseEbxmlMessage,
} from "@/lib/hl7";
import { findByMessageId, markConfirmed, markFailed } from "@/server/db/outbox";
import { keepCompletingReply, readInboundReply } from "./inbound-reply-reader";
import type { MessageJournal } from "./message-journal";
import { reopenFailedForRetry } from "./reopen-failed";
import { replyContradiction } from "./reply-consistency";
import { judgeReply } from "./spine-failure";
import { SPINE_REPLY_PARSE_OPTIONS, type SpineOptions } from "./spine-options";
import { spineRouteForInbound } from "./spine-route";
import { completingLocally, isFinal, type SpineStore } from "./wait-for-completion";

/**
 * POST /api/spine/inbound: Spine's later business reply to an async request (docs/domain.md §8.2).
 * Answers on the same connection with an ebXML Acknowledgment, matches eb:RefToMessageId to the
 * outbox row, completes it (the waiting request, on whichever instance, is woken by NOTIFY), and
 * acknowledges duplicates without applying them twice. The row itself is the record "for later"
 * when the user has stopped waiting: GET /api/operations/{id} reads it.
 */
export interface InboundDeps {
  store: SpineStore;
  options: Pick<SpineOptions, "partyKey" | "cpaId" | "spinePartyKey" | "routes">;
  journal: MessageJournal;
  log: Logger;
  now?: () => Date;
}

export type InboundOutcome =
  | "completed"
  | "duplicate"
  | "signal"
  | "unknown-message"
  | "unreadable"
  | "unexpected-reply"
  | "unknown-sender";

export interface InboundResult {
  status: number;
  contentType: string;
  body: string;
  outcome: InboundOutcome;
  /** The outbox message this reply answered, when known. */
  messageId?: string;
}

const EBXML_ERRORS = "urn:oasis:names:tc:ebxml-msg:service:errors";

export async function receiveInboundSpineMessage(
  deps: InboundDeps,
  incoming: { body: string; contentType: string },
): Promise<InboundResult> {
  const now = deps.now ?? (() => new Date());
  let header: EbxmlHeaderFields;
  let hl7Xml: string | undefined;
  let envelopeErrors: boolean;
  try {
    const parsed = parseEbxmlMessage(incoming.body, incoming.contentType, SPINE_REPLY_PARSE_OPTIONS);
    header = parsed.header;
    hl7Xml = parsed.hl7Xml;
    envelopeErrors = (parsed.errors?.length ?? 0) > 0;
  } catch (error) {
    if (!isHl7CodecError(error)) throw error;
    // Not journalled: anyone can post rubbish here, and the journal is for Spine's messages.
    deps.log.warn({ code: error.code }, "inbound Spine message is not readable ebXML");
    return { status: 400, contentType: "text/plain; charset=utf-8", body: "Not a readable ebXML message", outcome: "unreadable" };
  }
  // Only Spine, under our CPA, may complete our messages: eb:From must be Spine's party key and
  // eb:CPAId ours for the message's service (docs/domain.md §8.5). Anything else is refused before it
  // is read further or journalled.
  const route = spineRouteForInbound(deps.options, header.service, header.action);
  if (header.fromPartyId !== route.toPartyKey || header.cpaId !== route.cpaId) {
    deps.log.warn(
      { fromPartyId: header.fromPartyId?.slice(0, 64), cpaId: header.cpaId?.slice(0, 64) },
      "inbound ebXML message from an unknown sender refused",
    );
    return { status: 403, contentType: "text/plain; charset=utf-8", body: "Unknown sender", outcome: "unknown-sender" };
  }
  await journalSafely(deps, {
    direction: "inbound",
    interactionId: header.action,
    messageId: header.messageId,
    body: incoming.body,
    multipart: isMultipart(incoming.contentType),
  });

  // Acknowledgments and MessageErrors are signals: they are never acknowledged themselves.
  if (hl7Xml === undefined) return { status: 200, contentType: "text/plain; charset=utf-8", body: "", outcome: "signal" };

  // A batch confirmation list (2.8 MB) is read in slices, never holding the event loop (inbound-reply-reader.ts).
  // A payload under an ebXML ErrorList is not a business reply.
  const reply = envelopeErrors ? undefined : await readInboundReply(hl7Xml, header.action);
  const refTo = (header.refToMessageId ?? reply?.header.acknowledgement.messageRefId ?? "").trim().toUpperCase();
  let row = refTo ? await findByMessageId(deps.store.db, refTo) : undefined;
  if (!row) {
    deps.log.warn({ refToMessageId: refTo, action: header.action }, "inbound Spine reply for an unknown message");
    return messageError(deps, header, now(), "unknown-message", {
      errorCode: "ValueNotRecognized",
      description: "RefToMessageId does not match any message sent by this system",
    });
  }
  // Nothing below may change the row until the reply is known to be readable and to fit it.
  if (!reply) {
    // Spine's answer (or a forgery) cannot be read: its outcome is unknown, so the row stays as it
    // is. A genuine reply is retried by Spine (no Acknowledgment), and the outbox's own timeouts and
    // re-sends still apply; nobody can fail a pending message by posting rubbish with its id.
    deps.log.warn(
      { messageId: row.messageId, action: header.action, inboundMessageId: header.messageId },
      "inbound Spine reply refused: its HL7 payload cannot be read; the message is unchanged",
    );
    return messageError(
      deps,
      header,
      now(),
      "unreadable",
      { errorCode: "OtherXml", description: "HL7 payload could not be read" },
      row.messageId,
    );
  }
  const contradiction = replyContradiction(row, reply, header.action);
  if (contradiction) {
    deps.log.warn(
      {
        messageId: row.messageId,
        requestInteractionId: row.interactionId,
        replyInteractionId: reply.interactionId,
        contradiction: contradiction.kind,
        inboundMessageId: header.messageId,
      },
      "inbound Spine reply refused: it does not fit the message it refers to; the message is unchanged",
    );
    return messageError(
      deps,
      header,
      now(),
      "unexpected-reply",
      { errorCode: "Inconsistent", description: contradiction.description },
      row.messageId,
    );
  }
  // We gave up on this message (timeout, Spine unreachable) without any answer from Spine, but
  // Spine did process it: Spine's answer wins, inside the persist duration.
  if (row.state === "failed" && row.replyBody === null) {
    row = (await reopenFailedForRetry(deps.store.db, row.messageId, now())) ?? row;
  }
  if (isFinal(row)) {
    deps.log.info({ messageId: row.messageId, inboundMessageId: header.messageId }, "duplicate Spine reply acknowledged and ignored");
    return acknowledge(deps, header, now(), "duplicate", row.messageId);
  }
  const verdict = judgeReply(reply, row.interactionId);
  // A request waiting on this instance takes the row as written here instead of reading it back;
  // one on another instance is woken by NOTIFY and reads it.
  const handOver = completingLocally(deps.store, row.messageId);
  let result: Awaited<ReturnType<typeof markConfirmed>>;
  try {
    result = verdict.ok
      ? await markConfirmed(deps.store.db, row.messageId, { replyBody: hl7Xml, now: now() })
      : await markFailed(deps.store.db, row.messageId, { error: verdict.error!, replyBody: hl7Xml, now: now() });
  } catch (error) {
    handOver(undefined);
    throw error;
  }
  // The waiter in this process (a batch check) takes the reply as read here instead of reading it again.
  if (verdict.ok && result.ok) keepCompletingReply(row.messageId, reply);
  handOver(result.ok ? { ...result.message, requestBody: row.requestBody, replyBody: hl7Xml, readReply: reply } : undefined);
  // Another instance may have applied the same reply a moment earlier: that is a duplicate too.
  const outcome: InboundOutcome = result.ok ? "completed" : "duplicate";
  deps.log.info(
    { messageId: row.messageId, replyInteractionId: reply.interactionId, outcome, confirmed: verdict.ok },
    "Spine async reply received",
  );
  return acknowledge(deps, header, now(), outcome, row.messageId);
}

function isMultipart(contentType: string): boolean {
  return /multipart\//i.test(contentType);
}

async function journalSafely(deps: InboundDeps, entry: Parameters<MessageJournal>[0]): Promise<void> {
  try {
    await deps.journal(entry);
  } catch (error) {
    deps.log.error({ err: error }, "message journal write failed");
  }
}

function signalOptions(deps: InboundDeps, header: EbxmlHeaderFields, at: Date) {
  return {
    fromPartyId: deps.options.partyKey,
    toPartyId: header.fromPartyId,
    cpaId: header.cpaId || deps.options.cpaId,
    conversationId: header.conversationId,
    messageId: newMessageId(),
    refToMessageId: header.messageId,
    timestamp: formatEbxmlTimestamp(at),
  };
}

async function acknowledge(
  deps: InboundDeps,
  header: EbxmlHeaderFields,
  at: Date,
  outcome: InboundOutcome,
  messageId: string,
): Promise<InboundResult> {
  const opts = signalOptions(deps, header, at);
  const body = buildEbxmlAcknowledgment(opts);
  await journalSafely(deps, { direction: "outbound", interactionId: "Acknowledgment", messageId: opts.messageId, body });
  return { status: 200, contentType: "text/xml; charset=UTF-8", body, outcome, messageId };
}

async function messageError(
  deps: InboundDeps,
  header: EbxmlHeaderFields,
  at: Date,
  outcome: InboundOutcome,
  error: Pick<EbxmlError, "errorCode" | "description">,
  messageId?: string,
): Promise<InboundResult> {
  const opts = signalOptions(deps, header, at);
  const body = buildEbxmlMessageError(opts, [{ codeContext: EBXML_ERRORS, severity: "Error", ...error }]);
  await journalSafely(deps, { direction: "outbound", interactionId: "MessageError", messageId: opts.messageId, body });
  return { status: 500, contentType: "text/xml; charset=UTF-8", body, outcome, ...(messageId ? { messageId } : {}) };
}
