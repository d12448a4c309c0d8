import { describe, expect, it } from "vitest";
import { buildRequest, formatHl7Timestamp, makeAlertEvent, newMessageId } from "@/lib/hl7";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { findByMessageId } from "@/server/db/outbox";
import { type LrContext, updateAsUser } from "@/server/lr/lr-context";
import { createOutboxWorker } from "@/server/spine/outbox-worker";
import { waitForCompletion } from "@/server/spine/wait-for-completion";
import faultCatalogue from "@/simulator/data/faults.json";
import { mhsFor, post } from "@/simulator/test-support/spine-requests";
import { personaContext, type SpineMode, spineSimulatorRigForFile } from "@/tests/support/spine-simulator-rig";

/**
 * The privacy-officer alert COMT_IN000001UK01 end to end below the app's business layer: built by
 * the codec (makeAlertEvent), sent through the BFF's update path (updateAsUser → sendUpdate → outbox →
 * direct ebXML or the MHS adaptor front) to the real simulator over HTTP, confirmed by its
 * MCCI_IN010000UK13 AA, and kept by the simulator exactly once — also when a send fails and the same
 * message is sent again.
 */
const GP = "900000000001";
const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });

interface SpineAlert {
  message_id: string;
  alert_id: string;
  nhs_number: string;
  alert_type_code: string;
  alert_reason_code: string;
  reason_text: string | null;
  author_user_id: string;
  alert: { author: { organisation: { odsCode: string } } };
}

async function spineAlerts(nhsNumber: string): Promise<SpineAlert[]> {
  const response = await fetch(`${rig.simulator.url}/_control/spine-alerts?nhsNumber=${nhsNumber}`);
  return ((await response.json()) as { alerts: SpineAlert[] }).alerts;
}

function alertFor(ctx: LrContext, nhsNumber: string, type = "1", reason = "4") {
  return makeAlertEvent({
    type,
    reason,
    reasonText: "Patient unconscious in the emergency department",
    effectiveTime: formatHl7Timestamp(new Date()),
    author: {
      roleProfileId: ctx.roleProfileId,
      userId: ctx.userId,
      roleName: "General Medical Practitioner",
      personName: "SYNTHETIC GP ONE",
      organisation: { odsCode: ctx.orgCode, name: "SYNTHETIC SURGERY (FAKE)" },
    },
    device: { asid: "900000000001", name: "LR Manager" },
    nhsNumber,
  });
}

function sendAlert(ctx: LrContext, payload: ReturnType<typeof alertFor>, idempotencyKey: string) {
  return updateAsUser(
    ctx,
    { interactionId: "COMT_IN000001UK01", payload },
    { idempotencyKey, nhsNumber: payload.nhsNumber, operation: { kind: "alert", alertId: payload.alertId } },
  );
}

const modes: SpineMode[] = ["direct", "mhs"];

describe.each(modes)("%s mode", (mode) => {
  it("an alert built by the codec is confirmed by the simulator's MCCI AA and kept once; a repeat sends nothing", async () => {
    const run = rig.runtime(mode);
    const ctx = personaContext(GP, run.rt);
    const nhsNumber = syntheticNhsNumber(401);
    const payload = alertFor(ctx, nhsNumber);
    const key = `alert:${payload.alertId}`;

    const result = await sendAlert(ctx, payload, key);
    expect(result.state).toBe("confirmed");
    if (result.state !== "confirmed") return;
    expect(result.reply).toMatchObject({ interactionId: "MCCI_IN010000UK13", header: { acknowledgement: { typeCode: "AA" } } });
    expect(result.reply.header.acknowledgement.messageRefId).toBe(result.messageId);
    // Direct mode: 202 then the MCCI on the inbound endpoint; the MHS adaptor waits for it (sync-async).
    expect(run.sends.map((s) => s.outcome)).toEqual([mode === "mhs" ? "reply" : "accepted"]);
    expect((await findByMessageId(rig.store.db, result.messageId))?.state).toBe("confirmed");

    const stored = await spineAlerts(nhsNumber);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      message_id: result.messageId,
      alert_id: payload.alertId,
      alert_type_code: "1",
      alert_reason_code: "4",
      reason_text: "Patient unconscious in the emergency department",
      author_user_id: GP,
      alert: { author: { organisation: { odsCode: ctx.orgCode } } },
    });

    const again = await sendAlert(ctx, { ...payload, alertId: newMessageId() }, key);
    expect(again).toMatchObject({ state: "confirmed", messageId: result.messageId });
    expect(run.sends).toHaveLength(1);
    expect(await spineAlerts(nhsNumber)).toHaveLength(1);
  });

  it("a SOAP fault 200 fails the send and keeps the outbox row; the same key sends the same message again, kept once", async () => {
    const run = rig.runtime(mode);
    const ctx = personaContext(GP, run.rt);
    const nhsNumber = syntheticNhsNumber(402);
    const payload = alertFor(ctx, nhsNumber, "2", "5");
    const key = `alert:${payload.alertId}`;
    rig.simulator.context.faults.arm({
      match: { nhsNumber, interactionId: "COMT_IN000001UK01" },
      fault: { kind: "soapFault", errorCode: "200" },
    });

    const failed = await sendAlert(ctx, payload, key).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: "spine_unavailable", retryable: true });
    const messageId = (failed as { reference: string }).reference;
    const row = await findByMessageId(rig.store.db, messageId);
    expect(row).toMatchObject({ state: "failed", interactionId: "COMT_IN000001UK01", nhsNumber });
    expect(row?.error).toMatchObject({ retryable: true });
    expect(await spineAlerts(nhsNumber)).toEqual([]);

    rig.simulator.context.faults.reset();
    const retried = await sendAlert(ctx, alertFor(ctx, nhsNumber, "2", "5"), key);
    expect(retried).toMatchObject({ state: "confirmed", messageId });
    const stored = await spineAlerts(nhsNumber);
    expect(stored.map((a) => [a.message_id, a.alert_id])).toEqual([[messageId, payload.alertId]]);
  });

  it("Spine unreachable: the send fails with the row kept; a re-send once Spine is back is kept once", async () => {
    const down = rig.runtime(mode, { baseUrl: "http://127.0.0.1:9", mhsUrl: "http://127.0.0.1:9" });
    const ctx = personaContext(GP, down.rt);
    const nhsNumber = syntheticNhsNumber(403);
    const payload = alertFor(ctx, nhsNumber);
    const key = `alert:${payload.alertId}`;

    const failed = await sendAlert(ctx, payload, key).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: "spine_unavailable", retryable: true });
    const messageId = (failed as { reference: string }).reference;
    expect((await findByMessageId(rig.store.db, messageId))?.state).toBe("failed");
    expect(down.sends.every((s) => s.outcome === "error")).toBe(true);

    // Same store, Spine reachable again (another instance, or after the outage).
    const up = rig.runtime(mode);
    const retried = await sendAlert(personaContext(GP, up.rt), payload, key);
    expect(retried).toMatchObject({ state: "confirmed", messageId });
    expect((await spineAlerts(nhsNumber)).map((a) => a.message_id)).toEqual([messageId]);
  });

  it("the fault catalogue's NHS numbers apply to alerts: soapFault200 fails every send, nothing is kept", async () => {
    const run = rig.runtime(mode);
    const ctx = personaContext(GP, run.rt);
    const magic = faultCatalogue.faults.find((f) => f.name === "soapFault200")!.nhsNumber;
    const failed = await sendAlert(ctx, alertFor(ctx, magic), `alert:${newMessageId()}`).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: "spine_unavailable" });
    expect(await spineAlerts(magic)).toEqual([]);
  });

  it("the fault catalogue's retriable206 (two faults, then success) is retried and the alert kept once", async () => {
    const run = rig.runtime(mode);
    const ctx = personaContext(GP, run.rt);
    const magic = faultCatalogue.faults.find((f) => f.name === "retriable206")!.nhsNumber;
    const result = await sendAlert(ctx, alertFor(ctx, magic), `alert:${newMessageId()}`);
    expect(result.state).toBe("confirmed");
    expect((await spineAlerts(magic)).map((a) => a.message_id)).toEqual([result.messageId]);
  });
});

describe("re-sends of one message id", () => {
  it("direct mode: the outbox worker re-sends an unconfirmed alert with its MessageId; the simulator keeps it once", async () => {
    const run = rig.runtime("direct", { asyncWaitMs: 100 });
    const ctx = personaContext(GP, run.rt);
    const nhsNumber = syntheticNhsNumber(404);
    // Spine accepts (202) but its MCCI comes late: the user's wait ends with the alert pending.
    rig.simulator.context.faults.arm({ match: { nhsNumber }, fault: { kind: "delay", delayMs: 1_500 }, times: 1 });
    const first = await sendAlert(ctx, alertFor(ctx, nhsNumber), `alert:${newMessageId()}`);
    expect(first.state).toBe("pending");

    await rig.store.db
      .updateTable("outbox")
      .set({ next_attempt_at: new Date(Date.now() - 1) })
      .where("message_id", "=", first.messageId)
      .execute();
    const worker = createOutboxWorker(run.rt);
    expect((await worker.runOnce()).resent).toEqual([first.messageId]);
    await worker.stop();

    const done = await waitForCompletion(rig.store, first.messageId, { timeoutMs: 10_000, pollMs: 50 });
    expect(done?.state).toBe("confirmed");
    expect(run.sends.map((s) => s.messageId)).toEqual([first.messageId, first.messageId]);
    const journal = await rig.messages({ interactionId: "COMT_IN000001UK01", direction: "inbound" });
    expect(journal.filter((m) => m.message_id === first.messageId)).toHaveLength(2);
    const answers = await rig.messages({ direction: "outbound" });
    expect(answers.some((m) => m.ref_to_message_id === first.messageId && m.outcome.startsWith("duplicate"))).toBe(true);
    expect((await spineAlerts(nhsNumber)).map((a) => a.message_id)).toEqual([first.messageId]);
  });

  it("MHS front: the same message posted twice is answered AA twice and kept once (the store is keyed by MessageId)", async () => {
    const run = rig.runtime("mhs");
    const ctx = personaContext(GP, run.rt);
    const nhsNumber = syntheticNhsNumber(405);
    const request = {
      interactionId: "COMT_IN000001UK01" as const,
      header: {
        messageId: newMessageId(),
        creationTime: formatHl7Timestamp(new Date()),
        versionCode: "V3NPfIT4.2.00",
        senderAsid: run.rt.options.fromAsid,
        receiverAsid: rig.simulator.context.config.spine.asid,
        systemAsid: run.rt.options.fromAsid,
        author: { roleProfileId: ctx.roleProfileId, userId: ctx.userId, jobRoleCode: ctx.jobRoleCode },
      },
      payload: alertFor(ctx, nhsNumber),
    };
    const xml = buildRequest(request);
    for (let i = 0; i < 2; i++) {
      const response = await post(`${rig.simulator.url}/`, mhsFor(request, true, xml));
      expect(response.status).toBe(200);
      expect(response.body).toContain('typeCode="AA"');
    }
    expect(await rig.messages({ interactionId: "COMT_IN000001UK01", direction: "inbound" })).toHaveLength(2);
    expect((await spineAlerts(nhsNumber)).map((a) => a.message_id)).toEqual([request.header.messageId]);
  });
});
