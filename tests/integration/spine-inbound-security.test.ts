import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEbxmlMessage, type Hl7Reply, makeReplyHeader, newMessageId } from "@/lib/hl7";
import { SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { openStore, type Store } from "@/lib/store/open-store";
import { appMigrations } from "@/server/db/migrations";
import { findByMessageId, insertPending } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";
import { journalFor } from "@/server/spine/message-journal";
import { receiveInboundSpineMessage } from "@/server/spine/receive-inbound";

/**
 * The public inbound endpoint only lets Spine complete our messages: a well-formed reply that names
 * a real pending MessageId but comes from another party, or under another CPA, changes nothing.
 */
const SPINE_PARTY = "SIM-990001";
const OUR_CPA = "S9000LRM0001";
let store: Store<Database>;

beforeAll(async () => {
  store = await openStore<Database>({ name: "app", inMemory: true, migrations: appMigrations });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

async function pendingCreate(): Promise<{ messageId: string; reply: Hl7Reply }> {
  const request = SAMPLE_REQUESTS.find((r) => r.interactionId === "REPC_IN010000UK15")!;
  const messageId = newMessageId();
  await insertPending(store.db, {
    messageId,
    interactionId: request.interactionId,
    idempotencyKey: messageId,
    requestBody: "<REPC_IN010000UK15/>",
    persistUntil: new Date(Date.now() + 300_000),
    operation: { kind: "create-lr" },
  });
  const sample = SAMPLE_REPLIES.find((r) => r.interactionId === "REPC_IN020000UK13")!;
  const header = makeReplyHeader(
    { ...request.header, messageId },
    { messageId: newMessageId(), spineAsid: request.header.receiverAsid, creationTime: "20261125090000" },
  );
  return { messageId, reply: { ...sample, header } as Hl7Reply };
}

/** Our per-service routing (docs/domain.md §8.5): the sds service has a CPA of its own. */
const SDS_SERVICE = "urn:nhs:names:services:sds";
const OUR_SDS_CPA = "S9000SDS0001";
const ROUTES = { [SDS_SERVICE]: { cpaId: OUR_SDS_CPA } };

function deliver(
  reply: Hl7Reply,
  messageId: string,
  from: string,
  cpaId: string,
  service?: typeof SDS_SERVICE | "urn:nhs:names:services:lrsquery",
) {
  const message = buildEbxmlMessage(reply, {
    fromPartyId: from,
    toPartyId: "9000LR-900001",
    cpaId,
    conversationId: messageId,
    refToMessageId: messageId,
    ...(service ? { service } : {}),
  });
  return receiveInboundSpineMessage(
    {
      store,
      options: { partyKey: "9000LR-900001", cpaId: OUR_CPA, spinePartyKey: SPINE_PARTY, routes: ROUTES },
      journal: journalFor(undefined),
      log: pino({ level: "silent" }),
    },
    { body: message.body, contentType: message.contentType },
  );
}

describe("inbound Spine replies", () => {
  it.each([
    ["another party", "ATTACKER", OUR_CPA],
    ["another CPA", SPINE_PARTY, "S0000OTHER01"],
    ["our CPA for another service (sds)", SPINE_PARTY, OUR_SDS_CPA],
  ])("from %s are refused and leave the pending message untouched", async (_label, from, cpaId) => {
    const { messageId, reply } = await pendingCreate();
    const result = await deliver(reply, messageId, from, cpaId);
    expect(result).toMatchObject({ status: 403, outcome: "unknown-sender" });
    expect((await findByMessageId(store.db, messageId))?.state).toBe("pending");
  });

  it("on another service are refused under the lrs CPA", async () => {
    const { messageId, reply } = await pendingCreate();
    const result = await deliver(reply, messageId, SPINE_PARTY, OUR_CPA, SDS_SERVICE);
    expect(result).toMatchObject({ status: 403, outcome: "unknown-sender" });
  });

  it("naming a patient other than the outbox row's nhs_number are refused; the row's own patient completes it", async () => {
    const asked = "9990010048";
    const request = SAMPLE_REQUESTS.find((r) => r.interactionId === "QUPC_IN020000UK17")!;
    const messageId = newMessageId();
    // The column decides, even when the stored request cannot be read back.
    await insertPending(store.db, {
      messageId,
      interactionId: request.interactionId,
      idempotencyKey: messageId,
      requestBody: "<QUPC_IN020000UK17/>",
      persistUntil: new Date(Date.now() + 300_000),
      operation: { kind: "lr-details" },
      nhsNumber: asked,
    });
    const header = makeReplyHeader(
      { ...request.header, messageId },
      { messageId: newMessageId(), spineAsid: request.header.receiverAsid, creationTime: "20261125090000" },
    );
    const list = (nhsNumber: string) => ({ interactionId: "QUPC_IN060000UK32", header, payload: { nhsNumber, entries: [] } }) as Hl7Reply;
    const LRSQUERY = "urn:nhs:names:services:lrsquery";
    const refused = await deliver(list("9990010005"), messageId, SPINE_PARTY, OUR_CPA, LRSQUERY);
    expect(refused).toMatchObject({ status: 500, outcome: "unexpected-reply" });
    expect(await findByMessageId(store.db, messageId)).toMatchObject({ state: "pending", replyBody: null, error: null });
    const accepted = await deliver(list(asked), messageId, SPINE_PARTY, OUR_CPA, LRSQUERY);
    expect(accepted).toMatchObject({ status: 200, outcome: "completed" });
  });

  it("from Spine under our CPA complete the message", async () => {
    const { messageId, reply } = await pendingCreate();
    const result = await deliver(reply, messageId, SPINE_PARTY, OUR_CPA);
    expect(result).toMatchObject({ status: 200, outcome: "completed" });
    expect((await findByMessageId(store.db, messageId))?.state).toBe("confirmed");
  });
});
