import "server-only";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import {
  buildEbxmlMessage,
  buildSoapFault,
  buildSoapResponse,
  formatHl7Timestamp,
  type Hl7Reply,
  type Hl7Request,
  makeReplyHeader,
  newMessageId,
  type ParsedRequestDocument,
  parseRequestDocument,
  type ReplyHeaderOptions,
  type ReplyInteractionId,
  type ReplyPayloads,
  replyReliability,
} from "@/lib/hl7";
import type { SpineOptions } from "./spine-options";

/**
 * Test fixture: a scripted Spine on 127.0.0.1 (real HTTP or HTTPS). Each request is parsed with
 * lib/hl7 and handed to the test's script, which answers with replies built by lib/hl7's own
 * builders — and may also post an async business reply to the BFF's inbound endpoint later.
 * Only tests import this file.
 */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Parsed request (MHS JSON is unwrapped first); undefined when unreadable. */
  document?: ParsedRequestDocument;
  /** CN of the TLS client certificate, when the client presented one. */
  clientCertCn?: string;
}

export interface ScriptedResponse {
  status: number;
  contentType?: string;
  body?: string;
  /** Hold the response this long (timeouts). */
  delayMs?: number;
  /**
   * Afterwards, POST this ebXML message to the inbound URL. `beforeAnswer`: post it, and wait for
   * the BFF's acknowledgement, before answering the request (a reply that beats the 202).
   */
  inbound?: { body: string; contentType: string; delayMs?: number; beforeAnswer?: boolean };
}

export type Script = (request: ReceivedRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>;

export interface InboundDelivery {
  status: number;
  body: string;
}

export interface ScriptedSpine {
  url: string;
  received: ReceivedRequest[];
  /** Results of inbound posts the fixture made (the BFF's acknowledgements). */
  inboundDeliveries: InboundDelivery[];
  setScript(script: Script): void;
  /** Where async replies go, and headers they carry (the BFF's inbound credential). */
  setInboundUrl(url: string, headers?: Record<string, string>): void;
  /** Resolves when all inbound posts started so far have finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export const SPINE_PARTY_KEY = "SIM-9000990";
/** Spine's ASID in tests: the scripted Spine's and (by default) the simulator's, as testSpineOptions' toAsid. */
export const SCRIPTED_SPINE_ASID = "990000000001";

export async function startScriptedSpine(opts: { tls?: https.ServerOptions } = {}): Promise<ScriptedSpine> {
  const received: ReceivedRequest[] = [];
  const inboundDeliveries: InboundDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  let script: Script = () => ({ status: 500, body: "no script" });
  let inboundUrl = "";
  let inboundHeaders: Record<string, string> = {};
  const timers = new Set<NodeJS.Timeout>();

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    let document: ParsedRequestDocument | undefined;
    try {
      const hl7 = headers["content-type"]?.startsWith("application/json") ? (JSON.parse(body) as { payload: string }).payload : body;
      document = parseRequestDocument(hl7, headers["content-type"]?.startsWith("application/json") ? "text/xml" : headers["content-type"]);
    } catch {
      document = undefined;
    }
    const request: ReceivedRequest = { path: req.url ?? "/", headers, body, document };
    const socket = req.socket as TLSSocket;
    if (typeof socket.getPeerCertificate === "function") {
      const cn = socket.getPeerCertificate().subject?.CN;
      if (typeof cn === "string") request.clientCertCn = cn;
    }
    received.push(request);
    const answer = await script(request, received.length - 1);
    if (answer.inbound?.beforeAnswer) await scheduleInbound(answer.inbound);
    const send = () => {
      // Spine sends its business reply even if the client stopped waiting for the 202.
      if (answer.inbound && !answer.inbound.beforeAnswer) void scheduleInbound(answer.inbound);
      if (res.destroyed) return;
      res.writeHead(answer.status, { "content-type": answer.contentType ?? "text/xml; charset=UTF-8" });
      res.end(answer.body ?? "");
    };
    if (answer.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, answer.delayMs);
      timers.add(t);
    } else send();
  };

  const scheduleInbound = (inbound: NonNullable<ScriptedResponse["inbound"]>) => {
    const delivery = (async () => {
      if (inbound.delayMs) await new Promise((r) => setTimeout(r, inbound.delayMs));
      const response = await fetch(inboundUrl, {
        method: "POST",
        headers: { ...inboundHeaders, "content-type": inbound.contentType },
        body: inbound.body,
      });
      inboundDeliveries.push({ status: response.status, body: await response.text() });
    })().catch((error: unknown) => {
      inboundDeliveries.push({ status: 0, body: String(error) });
    });
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
    return delivery;
  };

  const server = opts.tls ? https.createServer(opts.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? "https" : "http"}://127.0.0.1:${port}`,
    received,
    inboundDeliveries,
    setScript(s) {
      script = s;
    },
    setInboundUrl(url, headers = {}) {
      inboundUrl = url;
      inboundHeaders = headers;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      await Promise.all([...inFlight]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Spine reply to `request`, built with lib/hl7 (sender/receiver swapped, messageRef = request id). */
export function replyTo<K extends ReplyInteractionId>(
  request: Hl7Request,
  interactionId: K,
  payload: ReplyPayloads[K],
  opts: Partial<ReplyHeaderOptions> = {},
): Hl7Reply {
  const header = makeReplyHeader(request.header, {
    messageId: newMessageId(),
    spineAsid: SCRIPTED_SPINE_ASID,
    creationTime: formatHl7Timestamp(new Date()),
    ...opts,
  });
  return { interactionId, header, payload } as Hl7Reply;
}

export function soapReply(request: Hl7Request, reply: Hl7Reply, relatesTo = request.header.messageId): ScriptedResponse {
  return { status: 200, body: buildSoapResponse(reply, { relatesTo, fromAddress: "https://lrs.national.ncrs.nhs.uk/syncservice" }) };
}

export function soapFault(code: string, description = "fault"): ScriptedResponse {
  return {
    status: 500,
    body: buildSoapFault({
      faultCode: "SOAP:Server",
      faultString: "Application Exception",
      errors: [{ codeContext: "urn:nhs:names:error:tms", errorCode: code, severity: "Error", location: "Not Supported", description }],
    }),
  };
}

/** The async business reply as Spine would POST it (ebXML multipart, RefToMessageId = request id). */
export function ebxmlReply(document: ParsedRequestDocument, reply: Hl7Reply): { body: string; contentType: string } {
  const message = buildEbxmlMessage(reply, {
    fromPartyId: SPINE_PARTY_KEY,
    toPartyId: document.ebxml?.fromPartyId ?? "unknown",
    cpaId: document.ebxml?.cpaId ?? "unknown",
    conversationId: document.ebxml?.conversationId ?? document.request.header.messageId,
    refToMessageId: document.request.header.messageId,
    service: document.ebxml?.service as Parameters<typeof buildEbxmlMessage>[1]["service"],
    reliability: replyReliability(document.request.interactionId),
  });
  return { body: message.body, contentType: message.contentType };
}

/** 202 now, business reply on the inbound endpoint after `delayMs`. */
export function acceptThenReply(document: ParsedRequestDocument, reply: Hl7Reply, delayMs = 20): ScriptedResponse {
  return { status: 202, body: "", inbound: { ...ebxmlReply(document, reply), delayMs } };
}

/** Spine options for tests: synthetic ids, short waits. */
export function testSpineOptions(overrides: Partial<SpineOptions> = {}): SpineOptions {
  return {
    transport: "direct",
    baseUrl: "http://127.0.0.1:9",
    fromAsid: "900000000001",
    toAsid: SCRIPTED_SPINE_ASID,
    partyKey: "9000LR-900001",
    spinePartyKey: SPINE_PARTY_KEY,
    cpaId: "S9000LRM0001",
    appBaseUrl: "http://127.0.0.1:3000",
    asyncWaitMs: 2000,
    completionPollMs: 50,
    workerIntervalMs: 60_000,
    timeScale: 0.01,
    ...overrides,
  };
}

/** A real HTTP server on 127.0.0.1 that hands each request to a Fetch-style route handler. */
export async function serveRouteHandler(
  handler: (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await handler(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
