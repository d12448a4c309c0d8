import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { asNhsNumber } from "@/lib/nhs/nhs-number";
import { findByMessageId } from "@/server/db/outbox";
import { logger } from "@/server/log/logger";
import { addWorkgroupMember } from "@/server/lr/interactions/add-workgroup-member";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/interactions/get-patient-lrs";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import type { InboundDelivery } from "@/tests/support/bff-inbound-host";
import { personaContext, spineSimulatorRigForFile } from "@/tests/support/spine-simulator-rig";

// Issue 5 acceptance, the async path: over real HTTP, the simulator answers the BFF's reliable
// message with 202, POSTs the business reply later to the BFF's real inbound route, which answers
// with an ebXML Acknowledgment; a missing Acknowledgment makes Spine retry with the same reply id,
// and a reply seen twice is acknowledged but applied once. Synthetic personas and patients only.
process.env.APP_DB_IN_MEMORY = "1";
logger.level = "silent";

const NO_LRS = asNhsNumber(notable.patients.find((p) => p.key === "noLrs")?.nhsNumber ?? "");
const DUPLICATE_REPLY = asNhsNumber(faultCatalogue.faults.find((f) => f.name === "duplicateReply")?.nhsNumber ?? "");
const GP = "900000000001";
const RA_MANAGER = "900000000004";

const rig = spineSimulatorRigForFile({ resetBetweenTests: true });

/** Spine's POSTs that answer this BFF message, in arrival order. */
const repliesTo = (messageId: string) => rig.inbound.deliveries.filter((d) => d.refToMessageId === messageId);

/** The simulator's own record of the reply attempts and the acknowledgements it got back. */
async function replyLog(replyMessageId: string) {
  const log = await rig.messages();
  return {
    attempts: log.filter((m) => m.direction === "outbound" && m.message_id === replyMessageId).map((m) => m.outcome),
    answers: log.filter((m) => m.direction === "inbound" && m.ref_to_message_id === replyMessageId).map((m) => m.outcome),
  };
}

/**
 * The BFF's waiting call returns as soon as the inbound handler confirms the row, which can be a
 * moment before the host has recorded the delivery and the simulator has logged the answer.
 */
async function deliveriesSettled(messageId: string, count: number): Promise<InboundDelivery[]> {
  await rig.inbound.waitFor(() => repliesTo(messageId).length >= count);
  await rig.simulator.context.delivery.settled();
  return repliesTo(messageId);
}

/** The simulator's HTTP answers to this BFF request (its 202s), oldest first. */
async function answersTo(messageId: string) {
  return (await rig.messages()).filter((m) => m.direction === "outbound" && m.ref_to_message_id === messageId && m.http_status !== null);
}

function acknowledged(delivery: InboundDelivery | undefined): boolean {
  return delivery !== undefined && delivery.bffStatus === 200 && delivery.ackRefToMessageId === delivery.replyMessageId;
}

describe("direct mode: reliable update over ebXML", () => {
  it("202 at once, the reply POSTed later to the BFF inbound endpoint, acknowledged, and the outbox row confirmed", async () => {
    const { rt, sends } = rig.runtime("direct");
    const created = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01" });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);

    // The BFF saw Spine's 202 (not a reply in the HTTP answer) …
    expect(sends).toEqual([{ interactionId: "REPC_IN010000UK15", messageId: created.messageId, outcome: "accepted" }]);
    expect((await answersTo(created.messageId)).map((m) => [m.http_status, m.outcome.split(":")[0]])).toEqual([[202, "accepted"]]);

    // … the reply came to the inbound endpoint once, answering that message, and was acknowledged.
    const [reply, ...more] = await deliveriesSettled(created.messageId, 1);
    expect(more).toEqual([]);
    expect(reply).toMatchObject({ action: "REPC_IN020000UK13", fate: "delivered" });
    expect(acknowledged(reply)).toBe(true);
    expect(await replyLog(reply?.replyMessageId ?? "")).toEqual({ attempts: ["reply-attempt:1"], answers: ["acked"] });

    const row = await findByMessageId(rig.store.db, created.messageId);
    expect(row).toMatchObject({ state: "confirmed", attempts: 1 });
    expect(row?.replyBody).toContain(created.lrId);
  });

  it("a reply lost on the way in is not acknowledged, so Spine retries it with the same reply id; the retry confirms", async () => {
    const { rt } = rig.runtime("direct");
    rig.inbound.inject("lose-request");
    const created = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01" });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);

    const [lost, retry, ...more] = await deliveriesSettled(created.messageId, 2);
    expect(more).toEqual([]);
    expect(lost).toMatchObject({ fate: "lose-request", spineSaw: 0 });
    expect(retry?.replyMessageId).toBe(lost?.replyMessageId);
    expect(acknowledged(retry)).toBe(true);
    const log = await replyLog(lost?.replyMessageId ?? "");
    expect(log.attempts).toEqual(["reply-attempt:1", "reply-attempt:2"]);
    expect(log.answers).toEqual([expect.stringMatching(/^reply-unreachable/), "acked"]);
    expect((await findByMessageId(rig.store.db, created.messageId))?.state).toBe("confirmed");
  });

  it("an Acknowledgment lost on the way back makes Spine retry; the BFF acknowledges the duplicate and applies it once", async () => {
    const { rt } = rig.runtime("direct");
    rig.inbound.inject("lose-ack");
    const created = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01" });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);

    const [first, retry] = await deliveriesSettled(created.messageId, 2);
    // The BFF acknowledged both; Spine only heard the second.
    expect(first).toMatchObject({ fate: "lose-ack", bffStatus: 200, spineSaw: 502 });
    expect(acknowledged(first) && acknowledged(retry)).toBe(true);
    expect(retry?.replyMessageId).toBe(first?.replyMessageId);
    expect((await replyLog(first?.replyMessageId ?? "")).answers).toEqual(["not-acked", "acked"]);

    // Confirmed by the first delivery and not touched by the retry.
    const row = await findByMessageId(rig.store.db, created.messageId);
    expect(row?.state).toBe("confirmed");
    expect(row?.updatedAt.getTime()).toBeLessThan(retry?.at ?? 0);
    expect(row?.completedAt?.getTime()).toBeLessThan(retry?.at ?? 0);
  });

  it("Spine's duplicate reply (duplicateReply fault) is acknowledged and ignored: the outbox is confirmed once", async () => {
    const { rt } = rig.runtime("direct");
    const created = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: DUPLICATE_REPLY, lrType: "01" });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);

    const [first, second] = await deliveriesSettled(created.messageId, 2);
    expect(second?.replyMessageId).toBe(first?.replyMessageId);
    expect(acknowledged(first) && acknowledged(second)).toBe(true);
    const row = await findByMessageId(rig.store.db, created.messageId);
    expect(row).toMatchObject({ state: "confirmed", attempts: 1 });
    expect(row?.updatedAt.getTime()).toBeLessThan(second?.at ?? 0);
  });

  it("when every delivery is lost the update stays pending; the user's retry re-sends the same message, which Spine re-acks and answers with its stored reply", async () => {
    const { rt } = rig.runtime("direct", { asyncWaitMs: 1_000 });
    rig.inbound.inject("lose-request", { times: 3 }); // first attempt + the 2 retries
    const key = "create-lr-form-1";
    const first = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01", idempotencyKey: key });
    expect(first.state).toBe("pending");
    await deliveriesSettled(first.messageId, 3);
    expect((await findByMessageId(rig.store.db, first.messageId))?.state).toBe("sent");

    const retried = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01", idempotencyKey: key });
    expect(retried).toMatchObject({ state: "confirmed", messageId: first.messageId });
    const answers = await answersTo(first.messageId);
    expect(answers.map((m) => [m.http_status, m.outcome.split(":")[0]])).toEqual([
      [202, "accepted"],
      [202, "duplicate"],
    ]);
    // Processed once: one LR, and every POST carried the one stored reply.
    const posts = await deliveriesSettled(first.messageId, 4);
    expect(posts.map((d) => d.fate)).toEqual(["lose-request", "lose-request", "lose-request", "delivered"]);
    expect(new Set(posts.map((d) => d.replyMessageId)).size).toBe(1);
    expect(await rig.lrs(NO_LRS)).toHaveLength(1);
  });

  it("while Spine is not answering (noReply) a re-send gets no reply either; once it answers again the re-send gets the one stored reply", async () => {
    const { rt } = rig.runtime("direct", { asyncWaitMs: 500 });
    const faultId = rig.simulator.context.faults.arm({ match: { nhsNumber: NO_LRS }, fault: { kind: "noReply" } });
    const key = "create-lr-no-reply-1";
    const first = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01", idempotencyKey: key });
    expect(first.state).toBe("pending");
    const stillDown = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01", idempotencyKey: key });
    expect(stillDown).toMatchObject({ state: "pending", messageId: first.messageId });
    await rig.simulator.context.delivery.settled();
    expect(repliesTo(first.messageId)).toEqual([]);

    expect(rig.simulator.context.faults.disarm(faultId)).toBe(true);
    const retried = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01", idempotencyKey: key });
    expect(retried).toMatchObject({ state: "confirmed", messageId: first.messageId });
    expect((await answersTo(first.messageId)).map((m) => m.outcome)).toEqual([
      expect.stringMatching(/^accepted/),
      "duplicate:re-acked:no-reply",
      "duplicate:re-acked",
    ]);
    // Processed once: Spine holds one LR, and the reply that came is the one it kept.
    expect(await rig.lrs(NO_LRS)).toHaveLength(1);
    expect((await deliveriesSettled(first.messageId, 1)).map((d) => d.fate)).toEqual(["delivered"]);
  });

  it("an express query's reply is sent once: lost, it is not retried, and the caller gets a typed timeout", async () => {
    const { rt } = rig.runtime("direct", { timeScale: 0.05 });
    rig.inbound.inject("lose-request");
    try {
      await getPatientLrs(personaContext(GP, rt), { nhsNumber: NO_LRS, detail: "simple" });
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error)) throw error;
      expect(error.code).toBe("spine_timeout");
      await rig.simulator.context.delivery.settled();
      expect(repliesTo(error.reference ?? "")).toHaveLength(1);
      expect((await findByMessageId(rig.store.db, error.reference ?? ""))?.state).toBe("failed");
    }
  });
});

describe("MHS adaptor mode", () => {
  it("an interaction the adaptor wraps sync-async comes back in the HTTP 200: nothing arrives on the inbound endpoint", async () => {
    const { rt, sends } = rig.runtime("mhs");
    const created = await createLegitimateRelationship(personaContext(GP, rt), { nhsNumber: NO_LRS, lrType: "01" });
    expect(created.state).toBe("confirmed");
    expect(sends.map((s) => s.outcome)).toEqual(["reply"]);
    await rig.simulator.context.delivery.settled();
    expect(rig.inbound.deliveries).toEqual([]);
  });

  it("one it cannot wrap is sent with wait-for-response false: 202, then the reply on the inbound endpoint, retried until acknowledged", async () => {
    const { rt, sends } = rig.runtime("mhs");
    rig.inbound.inject("lose-request");
    const added = await addWorkgroupMember(personaContext(RA_MANAGER, rt), {
      workgroupId: "900000000501",
      memberUserId: GP,
      memberRoleProfileId: "900000000101",
    });
    expect(added).toMatchObject({ state: "confirmed", flag: false });
    expect(sends.map((s) => s.outcome)).toEqual(["accepted"]);
    await deliveriesSettled(added.messageId, 2);
    const mhsAnswers = (await rig.messages()).filter((m) => m.transport === "mhs" && m.direction === "outbound");
    expect(mhsAnswers.map((m) => m.http_status)).toEqual([202]);

    const [lost, retry, ...more] = await deliveriesSettled(added.messageId, 2);
    expect(more).toEqual([]);
    expect(lost).toMatchObject({ fate: "lose-request", action: "REPC_IN130003UK01" });
    expect(retry?.replyMessageId).toBe(lost?.replyMessageId);
    expect(acknowledged(retry)).toBe(true);
    expect((await findByMessageId(rig.store.db, added.messageId))?.state).toBe("confirmed");
  });
});
