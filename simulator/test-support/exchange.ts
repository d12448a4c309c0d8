import { expect } from "vitest";
import { type Hl7Reply, type Hl7Request, INTERACTIONS, parseReplyDocument, type ReplyInteractionId, type ReplyPayloads } from "@/lib/hl7";
import { ebxmlFor, post, soapFor } from "@/simulator/test-support/spine-requests";
import type { TestRig } from "@/simulator/test-support/test-simulator";

/**
 * Sends a request the way the BFF would — the sync confirm query over SOAP, express queries and
 * updates as ebXML — and returns Spine's HL7 reply (for ebXML: the one POSTed back to the receiver).
 */
export async function exchange(rig: TestRig, request: Hl7Request): Promise<Hl7Reply> {
  const base = rig.simulator.url;
  const info = INTERACTIONS[request.interactionId];
  if (info.pattern === "sync") {
    const response = await post(`${base}/sync-service`, soapFor(request));
    expect(response.status).toBe(200);
    const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? undefined);
    if (document.kind !== "hl7") throw new Error(`expected an HL7 reply, got ${document.kind}`);
    return document.reply;
  }
  const before = rig.receiver.received.length;
  const response = await post(`${base}${info.spinePath ?? "/reliablemessaging/reliablerequest"}`, ebxmlFor(request));
  expect(response.status).toBe(202);
  const received = (await rig.receiver.waitFor(before + 1))[before];
  const document = received?.document;
  if (document?.kind !== "hl7") throw new Error(`expected an HL7 reply POST, got ${document?.kind ?? received?.problem}`);
  return document.reply;
}

/** The reply's payload when it is the expected interaction (fails the test otherwise). */
export function payloadOf<K extends ReplyInteractionId>(reply: Hl7Reply, interactionId: K): ReplyPayloads[K] {
  expect(reply.interactionId, JSON.stringify(reply.header)).toBe(interactionId);
  return reply.payload as ReplyPayloads[K];
}

/** Display names of the AE issues (business errors) on a reply. */
export function issueTexts(reply: Hl7Reply): string[] {
  return reply.header.issues.map((issue) => issue.displayName ?? issue.code);
}
