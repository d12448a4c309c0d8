import http from "node:http";
import type { AddressInfo } from "node:net";
import { isHl7CodecError, parseEbxmlMessage, parseReplyDocument } from "@/lib/hl7";

/**
 * Test host for the BFF's inbound endpoint (POST /api/spine/inbound) on 127.0.0.1: every POST from
 * Spine is handed to the real route handler, and what happened is recorded. A test can make the
 * next deliveries fail the way a network does — the request lost on the way in (the BFF never sees
 * it) or the ebXML Acknowledgment lost on the way back (the BFF processed it, Spine never heard) —
 * to prove Spine's reliable retries and the BFF's duplicate suppression over real HTTP.
 */
export type InboundRouteHandler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export type InboundFault = "lose-request" | "lose-ack";

export interface InboundDelivery {
  /** eb:MessageId of Spine's reply: the same on every retry of that reply. */
  replyMessageId?: string;
  /** eb:RefToMessageId: the BFF request this reply answers. */
  refToMessageId?: string;
  /** eb:Action: the reply interaction. */
  action?: string;
  fate: "delivered" | InboundFault;
  /** When the host received it (Date.now()). */
  at: number;
  /** HTTP status the BFF answered with (undefined when the request never reached it). */
  bffStatus?: number;
  /** HTTP status Spine saw (0 = connection dropped). */
  spineSaw: number;
  /** RefToMessageId of the ebXML Acknowledgment the BFF answered with, if it answered with one. */
  ackRefToMessageId?: string;
}

export interface BffInboundHost {
  /** Full URL of the inbound endpoint, to register as the sender's SDS inbound endpoint. */
  url: string;
  deliveries: InboundDelivery[];
  /** The next `times` deliveries (answering `refToMessageId`, when given) meet `fault`. */
  inject(fault: InboundFault, opts?: { refToMessageId?: string; times?: number }): void;
  /** Resolves once `predicate` holds for the deliveries so far; rejects after `timeoutMs`. */
  waitFor(predicate: (deliveries: InboundDelivery[]) => boolean, timeoutMs?: number): Promise<InboundDelivery[]>;
  clear(): void;
  close(): Promise<void>;
}

interface ArmedFault {
  fault: InboundFault;
  refToMessageId?: string;
  remaining: number;
}

export const INBOUND_PATH = "/api/spine/inbound";

function ebxmlHeaderOf(body: string, contentType: string): Pick<InboundDelivery, "replyMessageId" | "refToMessageId" | "action"> {
  try {
    const { header } = parseEbxmlMessage(body, contentType, { limits: { maxBytes: 16 * 1024 * 1024 } });
    return { replyMessageId: header.messageId, refToMessageId: header.refToMessageId?.toUpperCase(), action: header.action };
  } catch (error) {
    if (isHl7CodecError(error)) return {};
    throw error;
  }
}

function ackRefOf(body: string, contentType: string): string | undefined {
  if (body.trim() === "") return undefined;
  try {
    const doc = parseReplyDocument(body, contentType);
    return doc.kind === "ebxml-ack" ? doc.ebxml.refToMessageId : undefined;
  } catch (error) {
    if (isHl7CodecError(error)) return undefined;
    throw error;
  }
}

export async function startBffInboundHost(handler: InboundRouteHandler): Promise<BffInboundHost> {
  const deliveries: InboundDelivery[] = [];
  const armed: ArmedFault[] = [];

  const takeFault = (refToMessageId: string | undefined): InboundFault | undefined => {
    const match = armed.find((a) => a.remaining > 0 && (a.refToMessageId === undefined || a.refToMessageId === refToMessageId));
    if (!match) return undefined;
    match.remaining -= 1;
    return match.fault;
  };

  const server = http.createServer(async (req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const contentType = req.headers["content-type"] ?? "";
    const about = ebxmlHeaderOf(body.toString("utf8"), contentType);
    const fault = takeFault(about.refToMessageId);
    if (fault === "lose-request") {
      deliveries.push({ ...about, fate: fault, at, spineSaw: 0 });
      req.socket.destroy();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await handler(new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body }), {
      params: Promise.resolve({}),
    });
    const answer = await response.text();
    const answerType = response.headers.get("content-type") ?? "";
    const delivery: InboundDelivery = { ...about, fate: fault ?? "delivered", at, bffStatus: response.status, spineSaw: response.status };
    const ackRef = ackRefOf(answer, answerType);
    if (ackRef !== undefined) delivery.ackRefToMessageId = ackRef;
    if (fault === "lose-ack") {
      // The BFF did its work; Spine sees a gateway error with no Acknowledgment in it.
      delivery.spineSaw = 502;
      deliveries.push(delivery);
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("");
      return;
    }
    deliveries.push(delivery);
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${INBOUND_PATH}`,
    deliveries,
    inject(fault, opts = {}) {
      armed.push({ fault, refToMessageId: opts.refToMessageId?.toUpperCase(), remaining: opts.times ?? 1 });
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(deliveries)) {
        if (Date.now() > deadline) throw new Error(`inbound deliveries did not arrive in ${timeoutMs} ms: ${JSON.stringify(deliveries)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return deliveries;
    },
    clear() {
      deliveries.length = 0;
      armed.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
