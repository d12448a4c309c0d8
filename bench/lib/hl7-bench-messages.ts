import { distinctSyntheticNhsNumbers } from "@/bench/lib/synthetic";
import {
  type BatchConfirmResult,
  buildSoapRequest,
  buildSoapResponse,
  type CompleteLrEntry,
  type Hl7Reply,
  type Hl7Request,
} from "@/lib/hl7";
import { replyHeader, requestHeader, SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";

/**
 * The messages the codec bench measures. Single messages are the codec's own synthetic samples
 * (one per LR-domain interaction); the big ones are built here at the sizes the performance anchors used (docs/performance.md).
 */

export interface NamedRequest {
  label: string;
  request: Hl7Request;
}
export interface NamedReply {
  label: string;
  reply: Hl7Reply;
}

/** Spine's sync reply address, as the simulator writes it (any URL works for the codec). */
const SYNC_FROM = "https://lrs.national.ncrs.nhs.uk/syncservice";

export function sampleRequests(): NamedRequest[] {
  return SAMPLE_REQUESTS.map((request) => ({ label: request.interactionId, request }));
}

/** MCCI and QUQI appear more than once (AE / AR), so their label carries the acknowledgement. */
export function sampleReplies(): NamedReply[] {
  return SAMPLE_REPLIES.map((reply) => {
    const errorReply = reply.interactionId === "MCCI_IN010000UK13" || reply.interactionId === "QUQI_IN010000UK14";
    return { label: errorReply ? `${reply.interactionId} (${reply.header.acknowledgement.typeCode})` : reply.interactionId, reply };
  });
}

export function sampleRequest(interactionId: Hl7Request["interactionId"]): Hl7Request {
  const found = SAMPLE_REQUESTS.find((request) => request.interactionId === interactionId);
  if (!found) throw new Error(`no sample request for ${interactionId}`);
  return found;
}

function sampleReply(interactionId: Hl7Reply["interactionId"]): Hl7Reply {
  const found = SAMPLE_REPLIES.find((reply) => reply.interactionId === interactionId);
  if (!found) throw new Error(`no sample reply for ${interactionId}`);
  return found;
}

/** A sync confirm query as the BFF posts it (SOAP envelope around QUPC_IN010000UK32). */
export function soapConfirmRequest(): string {
  return buildSoapRequest(sampleRequest("QUPC_IN010000UK32"), {
    to: "http://127.0.0.1:4100/sync-service",
    fromAddress: "http://127.0.0.1:3000",
  }).body;
}

export function soapReply(reply: Hl7Reply): string {
  return buildSoapResponse(reply, { relatesTo: requestHeader.messageId, fromAddress: SYNC_FROM });
}

/** The small anchor case: the confirm query's historic answer in its SOAP envelope (~2.3 kB). */
export function smallSoapReply(): string {
  return soapReply(sampleReply("QUPC_IN040000UK30"));
}

function completeListWith(entryCount: number): Hl7Reply {
  const list = sampleReply("QUPC_IN070000UK32");
  if (list.interactionId !== "QUPC_IN070000UK32") throw new Error("unexpected sample");
  const [template] = list.payload.entries;
  if (!template) throw new Error("sample complete LR list has no entry");
  const entries: CompleteLrEntry[] = Array.from({ length: entryCount }, (_, i) => ({
    ...template,
    lrId: `LR${String(i + 1).padStart(18, "0")}`,
  }));
  return { ...list, payload: { ...list.payload, entries } };
}

/**
 * The large anchor case: a SOAP-wrapped complete LR list with as many LRs as bring it closest to
 * `targetBytes` (62 kB in the performance anchors, docs/performance.md). Returns the XML and how many LRs it holds.
 */
export function largeSoapReply(targetBytes = 62_000): { xml: string; lrCount: number } {
  let best = { xml: soapReply(completeListWith(1)), lrCount: 1 };
  for (let count = 2; count <= 200; count++) {
    const xml = soapReply(completeListWith(count));
    if (Math.abs(Buffer.byteLength(xml) - targetBytes) < Math.abs(Buffer.byteLength(best.xml) - targetBytes))
      best = { xml, lrCount: count };
    if (Buffer.byteLength(xml) > targetBytes) break;
  }
  return best;
}

/** QUPC_IN090000UK03 for `patientCount` distinct synthetic patients (Spine's cap is 10,000). */
export function batchConfirmRequest(patientCount: number): Hl7Request {
  const sample = sampleRequest("QUPC_IN090000UK03");
  if (sample.interactionId !== "QUPC_IN090000UK03") throw new Error("unexpected sample");
  return { ...sample, payload: { ...sample.payload, nhsNumbers: distinctSyntheticNhsNumbers(patientCount) } };
}

/**
 * QUPC_IN250000UK02 answering that batch: mostly LR yes/no, every 50th patient an issue
 * ("No match to a Service User record"), so both result shapes are parsed.
 */
export function batchConfirmationReply(nhsNumbers: readonly string[]): Hl7Reply {
  const results: BatchConfirmResult[] = nhsNumbers.map((nhsNumber, i) =>
    i % 50 === 49
      ? {
          kind: "issue",
          nhsNumber,
          issue: { code: "1", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.42", displayName: "No match to a Service User record" },
        }
      : { kind: "status", nhsNumber, hasLr: i % 3 === 0 },
  );
  return { interactionId: "QUPC_IN250000UK02", header: { ...replyHeader, queryResponseCode: "OK" }, payload: { results } };
}
