import { describe, expect, it } from "vitest";
import {
  buildEbxmlMessage,
  formatHl7Timestamp,
  type Hl7Reply,
  INTERACTIONS,
  makeReplyHeader,
  newMessageId,
  parseReplyDocument,
  parseRequest,
  type ReplyInteractionId,
  type ReplyPayloads,
  replyReliability,
} from "@/lib/hl7";
import { asNhsNumber, type NhsNumber } from "@/lib/nhs/nhs-number";
import { findByMessageId, type OutboxMessage } from "@/server/db/outbox";
import { sendLrStatusChange } from "@/server/lr/interactions/change-lr-status";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/interactions/get-patient-lrs";
import { spineRouteForInbound } from "@/server/spine/spine-route";
import type { SpineRuntime } from "@/server/spine/spine-runtime";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { testSpineInboundCredential } from "@/tests/support/spine-inbound-credential";
import { personaContext, spineSimulatorRigForFile } from "@/tests/support/spine-simulator-rig";

/**
 * Nobody but Spine can complete, or fail, a message this system sent (issue "Spine conformance and
 * inbound hardening", point 3). Against the real simulator and the BFF's real inbound route over
 * HTTP: a forged reply without the inbound credential, a reply that cannot be read, a reply naming
 * another patient and a reply of the wrong interaction are all refused and leave the operation as
 * it was — and, so each refusal is shown to be the check at work, a fitting reply then completes it.
 */
const GP = "900000000001";
const magic = (name: string): NhsNumber => {
  const entry = faultCatalogue.faults.find((f) => f.name === name);
  if (!entry) throw new Error(`no fault ${name} in simulator/data/faults.json`);
  return asNhsNumber(entry.nhsNumber);
};
const patient = (key: string): NhsNumber => {
  const entry = (notable as { patients: Array<{ key: string; nhsNumber: string }> }).patients.find((p) => p.key === key);
  if (!entry) throw new Error(`no notable patient ${key}`);
  return asNhsNumber(entry.nhsNumber);
};

const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });
const credential = testSpineInboundCredential();

/** The row as a forger would like to change it: state, stored reply and error. */
const snapshot = (row: OutboxMessage | undefined) => ({
  state: row?.state,
  replyBody: row?.replyBody,
  error: row?.error,
  completedAt: row?.completedAt,
});

/** A reply to the stored request, as Spine would POST it: Spine's party key, our CPA, RefToMessageId = the request. */
async function forgedReply<K extends ReplyInteractionId>(
  rt: SpineRuntime,
  messageId: string,
  interactionId: K,
  payload: ReplyPayloads[K],
): Promise<{ body: string; contentType: string }> {
  const row = await findByMessageId(rig.store.db, messageId);
  if (!row) throw new Error(`no outbox row ${messageId}`);
  const request = parseRequest(row.requestBody, { limits: { maxBytes: 16 * 1024 * 1024 } });
  const header = makeReplyHeader(request.header, {
    messageId: newMessageId(),
    spineAsid: rig.simulator.context.config.spine.asid,
    creationTime: formatHl7Timestamp(new Date()),
  });
  const reply = { interactionId, header, payload } as Hl7Reply;
  const service = INTERACTIONS[request.interactionId].service;
  const route = spineRouteForInbound(rt.options, service, interactionId);
  const message = buildEbxmlMessage(reply, {
    fromPartyId: route.toPartyKey,
    toPartyId: rt.options.partyKey,
    cpaId: route.cpaId,
    conversationId: messageId,
    refToMessageId: messageId,
    service,
    reliability: replyReliability(request.interactionId),
  });
  return { body: message.body, contentType: message.contentType };
}

async function postInbound(message: { body: string; contentType: string }, headers: Record<string, string> = credential.headers) {
  const response = await fetch(rig.inbound.url, {
    method: "POST",
    headers: { ...headers, "content-type": message.contentType },
    body: message.body,
  });
  const body = await response.text();
  const kind = body.trim() ? parseReplyDocumentKind(body, response.headers.get("content-type") ?? "") : "empty";
  return { status: response.status, kind };
}

function parseReplyDocumentKind(body: string, contentType: string): string {
  try {
    return parseReplyDocument(body, contentType).kind;
  } catch {
    return "other";
  }
}

/** A create LR the simulator accepts (202) and never answers: it stays pending for the test to answer. */
async function pendingCreate(nhsNumber = magic("noReply")) {
  const run = rig.runtime("direct", { asyncWaitMs: 200 });
  const outcome = await createLegitimateRelationship(personaContext(GP, run.rt), { nhsNumber, lrType: "01" });
  expect(outcome.state).toBe("pending");
  return { run, messageId: outcome.messageId };
}

describe("forged Spine replies", () => {
  it("without the inbound credential are refused with 401 and the pending create stays pending", async () => {
    const { run, messageId } = await pendingCreate();
    const before = snapshot(await findByMessageId(rig.store.db, messageId));
    const forged = await forgedReply(run.rt, messageId, "REPC_IN020000UK13", { lrId: "FORGED00000000000001" });
    for (const headers of [{}, { [credential.header]: "guessed" }]) {
      expect(await postInbound(forged, headers)).toMatchObject({ status: 401 });
    }
    expect(snapshot(await findByMessageId(rig.store.db, messageId))).toEqual(before);
    expect(before.state).not.toBe("confirmed");

    // The same reply with the credential (as the simulator sends it) does complete it.
    expect(await postInbound(forged)).toMatchObject({ status: 200, kind: "ebxml-ack" });
    expect((await findByMessageId(rig.store.db, messageId))?.state).toBe("confirmed");
  });

  it("that cannot be read change no operation: Spine's own malformed reply leaves the create unfailed", async () => {
    const { messageId } = await pendingCreate(magic("malformedReply"));
    // The simulator posts its truncated reply and retries it (reliable): every attempt is refused.
    const refused = await rig.inbound.waitFor((ds) => ds.filter((d) => d.refToMessageId === messageId && d.bffStatus === 500).length >= 2);
    expect(
      refused.filter((d) => d.refToMessageId === messageId).every((d) => d.bffStatus === 500 && d.ackRefToMessageId === undefined),
    ).toBe(true);
    const row = await findByMessageId(rig.store.db, messageId);
    expect(row?.state).not.toBe("failed");
    expect(row?.state).not.toBe("confirmed");
    expect(row?.replyBody).toBeNull();
    expect(row?.error).toBeNull();
  });

  it("that cannot be read cannot fail another pending operation either", async () => {
    const { run, messageId } = await pendingCreate();
    const before = snapshot(await findByMessageId(rig.store.db, messageId));
    const good = await forgedReply(run.rt, messageId, "REPC_IN020000UK13", { lrId: "LR000000000000000001" });
    // Cut inside the HL7 part: the ebXML header still names the pending message.
    const broken = { ...good, body: `${good.body.slice(0, good.body.lastIndexOf("</"))}<unterminated` };
    expect(await postInbound(broken)).toMatchObject({ status: 500, kind: "ebxml-error" });
    expect(snapshot(await findByMessageId(rig.store.db, messageId))).toEqual(before);
  });

  it("naming another patient are refused and the details query waits on for Spine's real answer", async () => {
    const asked = magic("noReply");
    const other = patient("gpActive");
    const run = rig.runtime("direct", { timeScale: 0.2 });
    const query = getPatientLrs(personaContext(GP, run.rt), { nhsNumber: asked, detail: "simple" });
    const settled = query.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const messageId = await waitForSend(run.sends, "QUPC_IN020000UK17");
    const before = snapshot(await findByMessageId(rig.store.db, messageId));

    const forged = await forgedReply(run.rt, messageId, "QUPC_IN060000UK32", { nhsNumber: other, entries: [] });
    expect(await postInbound(forged)).toMatchObject({ status: 500, kind: "ebxml-error" });
    expect(snapshot(await findByMessageId(rig.store.db, messageId))).toEqual(before);

    // The same list for the patient asked about is accepted: it was the patient that was refused.
    const fitting = await forgedReply(run.rt, messageId, "QUPC_IN060000UK32", { nhsNumber: asked, entries: [] });
    expect(await postInbound(fitting)).toMatchObject({ status: 200, kind: "ebxml-ack" });
    expect(await settled).toMatchObject({ value: { nhsNumber: asked, detail: "simple" } });
  }, 30_000);

  it.each([
    ["a status-change confirmation (REPC_IN050000UK13) to a create", "REPC_IN050000UK13"],
    ["an LR list (QUPC_IN060000UK32) to a create", "QUPC_IN060000UK32"],
    ["a query error (QUQI_IN010000UK14) to a create", "QUQI_IN010000UK14"],
  ] as const)("of the wrong interaction — %s — are refused and change nothing", async (_label, interactionId) => {
    const { run, messageId } = await pendingCreate();
    const before = snapshot(await findByMessageId(rig.store.db, messageId));
    const payloads = {
      REPC_IN050000UK13: { lrId: "LR000000000000000001" },
      QUPC_IN060000UK32: { nhsNumber: magic("noReply"), entries: [] },
      QUQI_IN010000UK14: {},
    } as const;
    const forged = await forgedReply(run.rt, messageId, interactionId, payloads[interactionId] as ReplyPayloads[typeof interactionId]);
    expect(await postInbound(forged)).toMatchObject({ status: 500, kind: "ebxml-error" });
    expect(snapshot(await findByMessageId(rig.store.db, messageId))).toEqual(before);

    const fitting = await forgedReply(run.rt, messageId, "REPC_IN020000UK13", { lrId: "LR000000000000000002" });
    expect(await postInbound(fitting)).toMatchObject({ status: 200, kind: "ebxml-ack" });
    expect((await findByMessageId(rig.store.db, messageId))?.state).toBe("confirmed");
  });

  it("confirming a status change of another LR are refused; the LR the request named completes it", async () => {
    const run = rig.runtime("direct", { asyncWaitMs: 200 });
    const lrId = "LR000000000000000010";
    const outcome = await sendLrStatusChange(personaContext(GP, run.rt), { nhsNumber: magic("noReply"), lrId, reasonCode: "06" });
    expect(outcome.state).toBe("pending");
    const before = snapshot(await findByMessageId(rig.store.db, outcome.messageId));
    const other = await forgedReply(run.rt, outcome.messageId, "REPC_IN050000UK13", { lrId: "LR000000000000000011" });
    expect(await postInbound(other)).toMatchObject({ status: 500, kind: "ebxml-error" });
    expect(snapshot(await findByMessageId(rig.store.db, outcome.messageId))).toEqual(before);
    const fitting = await forgedReply(run.rt, outcome.messageId, "REPC_IN050000UK13", { lrId });
    expect(await postInbound(fitting)).toMatchObject({ status: 200, kind: "ebxml-ack" });
    expect((await findByMessageId(rig.store.db, outcome.messageId))?.state).toBe("confirmed");
  });

  it("whose eb:Action contradicts the HL7 payload are refused", async () => {
    const { run, messageId } = await pendingCreate();
    const before = snapshot(await findByMessageId(rig.store.db, messageId));
    const good = await forgedReply(run.rt, messageId, "REPC_IN020000UK13", { lrId: "LR000000000000000003" });
    const relabelled = {
      ...good,
      body: good.body.replace("<eb:Action>REPC_IN020000UK13</eb:Action>", "<eb:Action>REPC_IN050000UK13</eb:Action>"),
    };
    expect(relabelled.body).not.toBe(good.body);
    expect(await postInbound(relabelled)).toMatchObject({ status: 500, kind: "ebxml-error" });
    expect(snapshot(await findByMessageId(rig.store.db, messageId))).toEqual(before);
  });
});

async function waitForSend(
  sends: Array<{ interactionId: string; messageId: string; outcome: string }>,
  interactionId: string,
): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sent = sends.find((s) => s.interactionId === interactionId && s.outcome === "accepted");
    if (sent) return sent.messageId;
    if (Date.now() > deadline) throw new Error(`${interactionId} was not accepted by the simulator: ${JSON.stringify(sends)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
