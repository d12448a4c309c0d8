import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildEbxmlAcknowledgment, formatEbxmlTimestamp, newMessageId, type ParsedReplyDocument, parseReplyDocument } from "@/lib/hl7";

/** What the receiver does with the n-th POST (0-based): acknowledge it, or answer 500 without an ack. */
export type ReceiverBehaviour = (attempt: number) => "ack" | "no-ack";

export interface ReceivedReply {
  soapAction: string;
  contentType: string;
  body: string;
  document?: ParsedReplyDocument;
  problem?: string;
}

/**
 * A small real HTTP endpoint standing in for the BFF's /api/spine/inbound in tests: records each
 * POST, parses it with the shared codec, and answers with an ebXML Acknowledgment (or not).
 */
export class InboundReceiver {
  readonly received: ReceivedReply[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];
  behaviour: ReceiverBehaviour = () => "ack";

  url = "";

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      const contentType = request.headers["content-type"] ?? "";
      const reply: ReceivedReply = { soapAction: String(request.headers.soapaction ?? ""), contentType, body };
      try {
        reply.document = parseReplyDocument(body, contentType);
      } catch (error) {
        reply.problem = (error as Error).message;
      }
      const attempt = this.received.length;
      this.received.push(reply);
      const ebxml = reply.document && "ebxml" in reply.document ? reply.document.ebxml : undefined;
      if (this.behaviour(attempt) === "ack" && ebxml) {
        const ack = buildEbxmlAcknowledgment({
          fromPartyId: ebxml.toPartyId,
          toPartyId: ebxml.fromPartyId,
          cpaId: ebxml.cpaId,
          conversationId: ebxml.conversationId,
          messageId: newMessageId(),
          refToMessageId: ebxml.messageId,
          timestamp: formatEbxmlTimestamp(new Date()),
        });
        response.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(ack);
      } else {
        response.writeHead(500, { "content-type": "text/plain" }).end("not acknowledged");
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/spine/inbound`;
    return this;
  }

  /** Waits (bounded) until at least `count` POSTs have arrived. */
  async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedReply[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`expected ${count} inbound POSTs, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  clear(): void {
    this.received.length = 0;
    this.behaviour = () => "ack";
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
