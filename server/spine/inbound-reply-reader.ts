import "server-only";
import { type Hl7Reply, isHl7CodecError, parseReply } from "@/lib/hl7";
import { readBatchConfirmationInSlices } from "@/lib/hl7/messages/batch-confirmation-chunks";
import { SPINE_REPLY_PARSE_OPTIONS } from "./spine-options";

/**
 * Reading Spine's async replies on receipt without holding the event loop, and without reading
 * the same one twice. A batch confirmation list (QUPC_IN250000UK02, up to 10,000 patients, 2.8 MB)
 * is read in slices (lib/hl7/messages/batch-confirmation-chunks.ts: exactly what the whole-document
 * parser reads, with pauses between slices); every other reply is small and parsed whole, as
 * before. The reply that completed an outbox row is kept briefly in this process, so whoever waits
 * on that row here (the batch check job) takes it instead of parsing the stored body again; on
 * another instance, or after a restart, the stored body is read (once) instead.
 */

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The typed reply in an inbound ebXML message's HL7 payload (the part `parseEbxmlMessage` has
 * already found: the envelope is not read again), or undefined when it cannot be read.
 */
export async function readInboundReply(hl7Xml: string, action: string | undefined): Promise<Hl7Reply | undefined> {
  try {
    if (action === "QUPC_IN250000UK02") return (await readBatchConfirmationInSlices(hl7Xml, { ...SPINE_REPLY_PARSE_OPTIONS, pause })).reply;
    return parseReply(hl7Xml, SPINE_REPLY_PARSE_OPTIONS);
  } catch (error) {
    if (!isHl7CodecError(error)) throw error;
    return undefined;
  }
}

const KEEP_MS = 5 * 60_000;
const KEEP_AT_MOST = 8;
const kept = new Map<string, { reply: Hl7Reply; until: number }>();

/** Keep a reply that completed an outbox row, for the waiter in this process (batch replies only: the big ones). */
export function keepCompletingReply(messageId: string, reply: Hl7Reply): void {
  if (reply.interactionId !== "QUPC_IN250000UK02") return;
  const now = Date.now();
  for (const [id, entry] of kept) if (entry.until <= now) kept.delete(id);
  while (kept.size >= KEEP_AT_MOST) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  kept.set(messageId, { reply, until: now + KEEP_MS });
}

/** The reply kept for this outbox row, once (it is then forgotten), if this process received it. */
export function takeCompletingReply(messageId: string): Hl7Reply | undefined {
  const entry = kept.get(messageId);
  kept.delete(messageId);
  return entry && entry.until > Date.now() ? entry.reply : undefined;
}
