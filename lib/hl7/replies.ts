import { REPLY_CODECS } from "@/lib/hl7/codecs";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { locateMessage } from "@/lib/hl7/locate-message";
import { writeBatchConfirmation } from "@/lib/hl7/messages/batch-confirmation-write";
import type {
  AcknowledgementDetail,
  AcknowledgementType,
  DetectedIssue,
  Hl7Reply,
  MessageHeader,
  ReplyHeader,
  ReplyInteractionId,
  ReplyPayloads,
} from "@/lib/hl7/types";
import { INTERACTIONS, isReplyInteraction } from "@/lib/hl7/vocab/interactions";
import { buildMessageElement, readMessageElement } from "@/lib/hl7/wrapper/transmission-wrapper";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** Replies: typed model ⇄ HL7 XML (the simulator builds, the BFF parses). */

/** Spine 2 deliberately copies Spine 1's version code on its replies (docs/domain.md §5.3). */
export const SPINE_REPLY_VERSION_CODE = "V3NPfIT6.2.00";

export interface ReplyHeaderOptions {
  messageId: string;
  /**
   * Spine's own configured ASID: the reply's communicationFunctionSnd and author1 system
   * (docs/domain.md §5.3). Never copied from the request's Rcv ASID, which the sender chose.
   */
  spineAsid: string;
  creationTime: string;
  versionCode?: string;
  acknowledgement?: AcknowledgementType;
  details?: AcknowledgementDetail[];
  issues?: DetectedIssue[];
  queryResponseCode?: string;
}

/** The reply header for a request: from Spine's ASID to the requester's, acknowledgement pointing at the request id. */
export function makeReplyHeader(request: MessageHeader, opts: ReplyHeaderOptions): ReplyHeader {
  const header: ReplyHeader = {
    messageId: opts.messageId,
    creationTime: opts.creationTime,
    versionCode: opts.versionCode ?? SPINE_REPLY_VERSION_CODE,
    senderAsid: opts.spineAsid,
    receiverAsid: request.senderAsid,
    systemAsid: opts.spineAsid,
    acknowledgement: { typeCode: opts.acknowledgement ?? "AA", messageRefId: request.messageId, details: opts.details ?? [] },
    issues: opts.issues ?? [],
  };
  if (opts.queryResponseCode !== undefined) header.queryResponseCode = opts.queryResponseCode;
  return header;
}

export function replyToElement(reply: Hl7Reply): XmlElement {
  const info = INTERACTIONS[reply.interactionId];
  const codec = REPLY_CODECS[reply.interactionId] as { build(p: unknown): XmlElement };
  const { acknowledgement, issues, queryResponseCode, ...header } = reply.header;
  return buildMessageElement({
    interactionId: reply.interactionId,
    header,
    acknowledgement,
    issues,
    subjectPayload: info.payloadSlot === "subject" ? codec.build(reply.payload) : undefined,
    queryResponseCode,
  });
}

export function buildReply(reply: Hl7Reply): string {
  // A batch confirmation names up to 10,000 patients: written around its skeleton, the same bytes.
  if (reply.interactionId === "QUPC_IN250000UK02" && reply.payload.results.length > 1) {
    return writeBatchConfirmation(reply.payload.results, (first) => replyToElement({ ...reply, payload: { results: [first] } }));
  }
  return serializeXml(replyToElement(reply));
}

export function replyFromElement(root: XmlElement): Hl7Reply {
  return guardParse(() => {
    const message = locateMessage(root, isReplyInteraction);
    const read = readMessageElement(message);
    if (!isReplyInteraction(read.interactionId)) {
      throw new Hl7CodecError("unknown_interaction", `interactionId ${read.interactionId.slice(0, 30)}`);
    }
    if (read.interactionId !== message.name) {
      throw new Hl7CodecError("invalid_value", `interactionId ${read.interactionId} does not match element ${message.name}`);
    }
    if (!read.acknowledgement) throw new Hl7CodecError("missing_element", `${message.name}/acknowledgement`);
    const { author: _author, ...common } = read.header;
    const header: ReplyHeader = { ...common, acknowledgement: read.acknowledgement, issues: read.issues };
    if (read.queryResponseCode !== undefined) header.queryResponseCode = read.queryResponseCode;
    const info = INTERACTIONS[read.interactionId];
    let payload: unknown = {};
    if (info.payloadSlot === "subject") {
      if (!read.subjectPayload || read.subjectPayload.name !== info.payloadRoot) {
        throw new Hl7CodecError("missing_element", `ControlActEvent/subject/${info.payloadRoot}`);
      }
      payload = (REPLY_CODECS[read.interactionId] as { read(e: XmlElement): unknown }).read(read.subjectPayload);
    }
    return { interactionId: read.interactionId, header, payload } as Hl7Reply;
  });
}

export function parseReply(xml: string, options: ParseOptions = {}): Hl7Reply {
  return guardParse(() => replyFromElement(parseXml(xml, options.limits)));
}

function typedBuilder<K extends Exclude<ReplyInteractionId, "MCCI_IN010000UK13" | "QUQI_IN010000UK14">>(interactionId: K) {
  return (header: ReplyHeader, payload: ReplyPayloads[K]): string => buildReply({ interactionId, header, payload } as unknown as Hl7Reply);
}

export const buildLrCreated = typedBuilder("REPC_IN020000UK13");
export const buildLrStatusChanged = typedBuilder("REPC_IN050000UK13");
export const buildConfirmShortAnswer = typedBuilder("QUPC_IN030000UK14");
export const buildConfirmHistoricAnswer = typedBuilder("QUPC_IN040000UK30");
export const buildSimpleLrList = typedBuilder("QUPC_IN060000UK32");
export const buildCompleteLrList = typedBuilder("QUPC_IN070000UK32");
export const buildBatchConfirmationList = typedBuilder("QUPC_IN250000UK02");
export const buildUrpResponse = typedBuilder("QUPC_IN010103UK01");
export const buildWorkgroupQueryResponse = typedBuilder("REPC_IN130007UK01");
export const buildAddToWorkgroupResponse = typedBuilder("REPC_IN130003UK01");
export const buildRemoveFromWorkgroupResponse = typedBuilder("REPC_IN130005UK01");

/** MCCI_IN010000UK13: AE (business error, issues) or AR (rejection, acknowledgement details). */
export function buildMcciError(requestHeader: MessageHeader, opts: ReplyHeaderOptions & { acknowledgement: "AE" | "AR" }): string {
  return buildReply({ interactionId: "MCCI_IN010000UK13", header: makeReplyHeader(requestHeader, opts), payload: {} });
}

/** QUQI_IN010000UK14: AE with reason(s) and queryAck "ID". */
export function buildQuqiError(requestHeader: MessageHeader, opts: ReplyHeaderOptions): string {
  return buildReply({
    interactionId: "QUQI_IN010000UK14",
    header: makeReplyHeader(requestHeader, { acknowledgement: "AE", queryResponseCode: "ID", ...opts }),
    payload: {},
  });
}
