import "server-only";
import type https from "node:https";
import {
  buildEbxmlMessage,
  buildSoapRequest,
  fromWsaMessageId,
  INTERACTIONS,
  isHl7CodecError,
  type OutboundHl7,
  type ParsedReplyDocument,
  parseReplyDocument,
} from "@/lib/hl7";
import type { HttpPostResponse } from "./http-post";
import type { MessageJournal } from "./message-journal";
import { postToSpine } from "./post-to-spine";
import { isRetriableFault, SpineCallError } from "./spine-call-error";
import { SPINE_REPLY_PARSE_OPTIONS, type SpineOptions } from "./spine-options";
import { spineRouteFor } from "./spine-route";
import type { SpineTransport, TransportOutcome, TransportSendInput } from "./spine-transport";

/**
 * Direct Spine: sync SOAP to /sync-service, async ebXML multipart to /reliablemessaging/…
 * (docs/domain.md §8.1, §8.2). The interaction's pattern picks the path; nothing here retries.
 */
export interface DirectTransportDeps {
  options: Pick<SpineOptions, "baseUrl" | "appBaseUrl" | "partyKey" | "spinePartyKey" | "cpaId" | "toAsid" | "routes">;
  journal: MessageJournal;
  httpsAgent?: https.Agent;
}

const SYNC_PATH = "/sync-service";

export function createDirectTransport(deps: DirectTransportDeps): SpineTransport {
  return {
    name: "direct",
    send(input) {
      return INTERACTIONS[input.message.interactionId].pattern === "sync" ? sendSync(deps, input) : sendAsync(deps, input);
    },
  };
}

function spineUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

function post(deps: DirectTransportDeps, url: string, headers: Record<string, string>, body: string, timeoutMs: number) {
  return postToSpine({ url, headers, body, timeoutMs, httpsAgent: deps.httpsAgent });
}

function readReply(response: HttpPostResponse): ParsedReplyDocument {
  try {
    return parseReplyDocument(response.body, response.headers["content-type"], SPINE_REPLY_PARSE_OPTIONS);
  } catch (error) {
    if (isHl7CodecError(error)) {
      throw new SpineCallError("bad-reply", `Spine's HTTP ${response.status} reply could not be read (${error.code})`, {
        httpStatus: response.status,
        cause: error,
      });
    }
    throw error;
  }
}

function faultError(doc: Extract<ParsedReplyDocument, { kind: "soap-fault" }>, status: number): SpineCallError {
  const first = doc.fault.errors[0];
  return new SpineCallError(
    "soap-fault",
    `SOAP fault ${first?.errorCode ?? doc.fault.faultCode}: ${first?.description ?? doc.fault.faultString}`,
    {
      retriable: isRetriableFault(doc.fault.errors),
      httpStatus: status,
      errors: doc.fault.errors,
    },
  );
}

async function journalInbound(deps: DirectTransportDeps, request: OutboundHl7, response: HttpPostResponse, doc?: ParsedReplyDocument) {
  const messageId = doc?.kind === "hl7" ? doc.reply.header.messageId : request.messageId;
  const interactionId = doc?.kind === "hl7" ? doc.reply.interactionId : (doc?.kind ?? "unreadable");
  await deps.journal({
    direction: "inbound",
    interactionId,
    messageId,
    body: response.body,
    multipart: (response.headers["content-type"] ?? "").startsWith("multipart/"),
  });
}

async function sendSync(deps: DirectTransportDeps, input: TransportSendInput): Promise<TransportOutcome> {
  const { message: request } = input;
  const to = spineUrl(deps.options.baseUrl, SYNC_PATH);
  const soap = buildSoapRequest(request, { to, fromAddress: deps.options.appBaseUrl, replyTo: deps.options.appBaseUrl });
  await deps.journal({ direction: "outbound", interactionId: request.interactionId, messageId: request.messageId, body: soap.body });
  const response = await post(deps, to, { "content-type": soap.contentType, soapaction: soap.soapAction }, soap.body, input.timeoutMs);
  let doc: ParsedReplyDocument | undefined;
  try {
    doc = readReply(response);
  } finally {
    await journalInbound(deps, request, response, doc);
  }
  if (doc.kind === "soap-fault") throw faultError(doc, response.status);
  if (response.status !== 200 || doc.kind !== "hl7") {
    throw new SpineCallError("http-status", `Unexpected HTTP ${response.status} (${doc.kind}) from Spine sync service`, {
      httpStatus: response.status,
    });
  }
  // A reply that does not name our MessageID belongs to someone else's request: never use it.
  const relatesTo = doc.soap?.relatesTo;
  if (!relatesTo || fromWsaMessageId(relatesTo).toUpperCase() !== request.messageId.toUpperCase()) {
    throw new SpineCallError("bad-reply", `wsa:RelatesTo "${relatesTo ?? ""}" does not match request ${request.messageId}`, {
      httpStatus: response.status,
    });
  }
  return { kind: "reply", reply: doc.reply, rawReply: response.body };
}

async function sendAsync(deps: DirectTransportDeps, input: TransportSendInput): Promise<TransportOutcome> {
  const { message: request } = input;
  const info = INTERACTIONS[request.interactionId];
  const url = spineUrl(deps.options.baseUrl, info.spinePath ?? "/reliablemessaging/reliablerequest");
  // SDS gives each service+interaction its own CPA (and Spine party): one CPA for all would be refused.
  const route = spineRouteFor(deps.options, request.interactionId);
  const ebxml = buildEbxmlMessage(request, {
    fromPartyId: deps.options.partyKey,
    toPartyId: route.toPartyKey,
    cpaId: route.cpaId,
    conversationId: input.conversationId,
  });
  await deps.journal({
    direction: "outbound",
    interactionId: request.interactionId,
    messageId: request.messageId,
    body: ebxml.body,
    multipart: true,
  });
  const response = await post(deps, url, { "content-type": ebxml.contentType, soapaction: ebxml.soapAction }, ebxml.body, input.timeoutMs);
  if (response.status === 202 && response.body.trim() === "") return { kind: "accepted" };
  let doc: ParsedReplyDocument | undefined;
  try {
    doc = readReply(response);
  } catch (error) {
    // Spine's 202 may carry anything or nothing; only a 202 we cannot read is still "accepted".
    if (response.status === 202) return { kind: "accepted" };
    throw error;
  } finally {
    if (response.body.trim() !== "") await journalInbound(deps, request, response, doc);
  }
  if (doc.kind === "soap-fault") throw faultError(doc, response.status);
  if (doc.kind === "ebxml-error") {
    const first = doc.errors[0];
    throw new SpineCallError("ebxml-error", `ebXML MessageError ${first?.errorCode ?? ""}: ${first?.description ?? ""}`, {
      httpStatus: response.status,
      errors: doc.errors,
    });
  }
  if (response.status === 202 || (response.status === 200 && doc.kind === "ebxml-ack")) return { kind: "accepted" };
  if (response.status === 200 && doc.kind === "hl7") return { kind: "reply", reply: doc.reply, rawReply: response.body };
  throw new SpineCallError("http-status", `Unexpected HTTP ${response.status} (${doc.kind}) from Spine ${info.spinePath}`, {
    httpStatus: response.status,
  });
}
