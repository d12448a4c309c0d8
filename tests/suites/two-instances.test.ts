import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LrUpdateResponse } from "@/lib/schemas/lr";
import type { OperationStatus } from "@/lib/schemas/operations";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { ordinaryNhsNumbers } from "@/simulator/seed/patients";
import { AppClient } from "@/tests/support/app-client";
import { type LiveStack, startLiveStack } from "@/tests/support/live-stack";

/**
 * Issue 16 point 5: two app instances (`next start` of the production build) on one PostgreSQL,
 * behind a round-robin proxy, with the Spine simulator posting every async reply to B and the
 * CIS2 stand-in posting back-channel logout tokens to A.
 * - a session made on A works on B, and a sign-in whose steps alternate between A and B works;
 * - a request waiting on A is completed by Spine's reply landing on B;
 * - the outbox never sends a message twice: both instances' workers run, and each message due for
 *   a re-send is re-sent once (simulator receipts and outbox attempts counted per MessageId);
 * - back-channel logout delivered to A ends the session on B's very next request;
 * - the audit hash chain both instances appended to is unbroken.
 */
const GP = "900000000001";
const NURSE = { uid: "900000000002", roleId: "900000000201" };
const CREATE = "REPC_IN010000UK15";
const WAIT_MS = 8_000;
const patients = ordinaryNhsNumbers();

let stack: LiveStack;

beforeAll(async () => {
  stack = await startLiveStack({
    label: "two_instances",
    instances: ["A", "B"],
    proxy: true,
    inboundTo: "B",
    backchannelTo: "A",
    appEnv: { SPINE_ASYNC_WAIT_MS: String(WAIT_MS), LOG_LEVEL: "info" },
    // A late reply comes long after this suite has finished: only the outbox's re-send can complete it.
    simulator: { async: { lateReplyDelayMs: 10 * 60_000 } },
  });
  console.log(
    `[two-instances] PostgreSQL from ${stack.database.server}; A ${stack.apps.A?.url}, B ${stack.apps.B?.url}, proxy ${stack.publicUrl}`,
  );
}, 240_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

function selfClaim(lrType = "01") {
  return { lrType, accessReasonCode: "04", accessReasonText: "Seen in clinic", subject: { kind: "self" }, idempotencyKey: randomUUID() };
}

let gpClient: AppClient;
let nurseClient: AppClient;

describe("sessions across instances", () => {
  it("a session made on A is used on B; a sign-in whose steps alternate between A and B works", async () => {
    gpClient = new AppClient(stack.publicUrl);
    const servedA = await gpClient.signIn(GP, { instance: "A" });
    expect(servedA.length).toBeGreaterThan(0);
    expect(new Set(servedA)).toEqual(new Set(["A"]));
    const onB = await gpClient.get<{ signedIn: boolean }>("/api/auth/session", { instance: "B" });
    expect(onB).toMatchObject({ status: 200, servedBy: "B", body: { signedIn: true } });
    const listOnB = await gpClient.get(`/api/patients/${patients[0]}/lrs`, { instance: "B" });
    expect(listOnB.status, JSON.stringify(listOnB.body)).toBe(200);

    nurseClient = new AppClient(stack.publicUrl);
    const servedBoth = await nurseClient.signIn(NURSE.uid, { roleId: NURSE.roleId });
    expect(new Set(servedBoth)).toEqual(new Set(["A", "B"]));
    for (const instance of ["A", "B"]) {
      expect((await nurseClient.get<{ signedIn: boolean }>("/api/auth/session", { instance })).body.signedIn).toBe(true);
    }
    console.log(`[two-instances] sign-in on A: ${servedA.join(" ")}; round-robin sign-in: ${servedBoth.join(" ")}`);
  }, 60_000);
});

describe("Spine replies across instances", () => {
  it("a create waiting on A is confirmed by the reply Spine posts to B", async () => {
    const patient = patients[1]!;
    const started = Date.now();
    const answer = await gpClient.post<LrUpdateResponse>(`/api/patients/${patient}/lrs`, selfClaim(), { instance: "A" });
    const tookMs = Date.now() - started;
    expect(answer.servedBy).toBe("A");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ state: "confirmed" });
    expect(tookMs).toBeLessThan(WAIT_MS);
    // The reply went to B's inbound endpoint (the only one the simulator knows) and B acknowledged it.
    // B's acknowledgment reaches Spine just after B recorded the reply (which is what answered A's
    // user), so Spine's log may need a moment to show it.
    const replyAndAck = async () => {
      const log = await stack.spine.messages();
      const replyIds = log
        .filter((m) => m.direction === "outbound" && m.ref_to_message_id === answer.body.reference && m.outcome.startsWith("reply-attempt"))
        .map((m) => m.message_id);
      const acks = log.filter((m) => m.direction === "inbound" && m.ref_to_message_id === replyIds[0] && m.outcome === "acked");
      return { replyIds, acks };
    };
    let seen = await replyAndAck();
    for (const deadline = Date.now() + 5_000; seen.acks.length === 0 && Date.now() < deadline; seen = await replyAndAck()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.replyIds).toHaveLength(1);
    expect(seen.acks).toHaveLength(1);
    expect(await stack.spine.lrs(patient)).toHaveLength(1);
    console.log(`[two-instances] create on A confirmed in ${tookMs} ms by the reply B received (Spine records: 1)`);
  }, 60_000);
});

describe("the outbox across instances", () => {
  it("never sends a message twice: each due re-send is made once, by one instance, and Spine keeps one record", async () => {
    const late = patients.slice(2, 6);
    const prompt = patients.slice(6, 10);
    for (const patient of late) await stack.spine.armFault({ nhsNumber: patient, interactionId: CREATE }, { kind: "lateReply" }, 1);
    // All at once, round robin: the late ones answer "pending" after the wait, the others confirm.
    const answers = await Promise.all(
      [...late, ...prompt].map(async (patient) => ({
        patient,
        late: late.includes(patient),
        answer: await gpClient.post<LrUpdateResponse>(`/api/patients/${patient}/lrs`, selfClaim()),
      })),
    );
    for (const { answer, late: isLate } of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.state).toBe(isLate ? "pending" : "confirmed");
    }
    expect(new Set(answers.map((a) => a.answer.servedBy))).toEqual(new Set(["A", "B"]));
    const lateIds = answers.filter((a) => a.late).map((a) => a.answer.body.reference);

    // Time passes: the re-send interval is over. Both instances' workers (15 s ticks) see the rows due.
    await stack.store.db.updateTable("outbox").set({ next_attempt_at: new Date() }).where("message_id", "in", lateIds).execute();
    const deadline = Date.now() + 60_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      const rows = await stack.store.db.selectFrom("outbox").select("state").where("message_id", "in", lateIds).execute();
      states = rows.map((row) => row.state);
      if (states.every((state) => state === "confirmed")) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(states).toEqual(lateIds.map(() => "confirmed"));

    const table = [];
    for (const { patient, late: isLate, answer } of answers) {
      const messageId = answer.body.reference;
      const row = await stack.store.db
        .selectFrom("outbox")
        .select(["state", "attempts"])
        .where("message_id", "=", messageId)
        .executeTakeFirstOrThrow();
      const receipts = await stack.spine.receipts(messageId, CREATE);
      const resentBy = Object.values(stack.apps)
        .filter((app) =>
          app
            .output()
            .split("\n")
            .some((line) => line.includes("re-sending unconfirmed message") && line.includes(messageId)),
        )
        .map((app) => app.name);
      const records = (await stack.spine.lrs(patient)).length;
      table.push({
        messageId: messageId.slice(0, 8),
        fault: isLate ? "lateReply" : "none",
        firstSentBy: answer.servedBy,
        resentBy: resentBy.join(",") || "-",
        sends: receipts,
        outboxAttempts: row.attempts,
        state: row.state,
        spineRecords: records,
      });
      expect(receipts).toBe(isLate ? 2 : 1);
      expect(row.attempts).toBe(receipts);
      expect(resentBy).toHaveLength(isLate ? 1 : 0);
      expect(records).toBe(1);
      // Either instance answers the owner's poll of the operation.
      const polled = await gpClient.get<OperationStatus>(`/api/operations/${messageId}`, { instance: answer.servedBy === "A" ? "B" : "A" });
      expect(polled.body.state).toBe("confirmed");
    }
    console.log("[two-instances] outbox sends per message (both workers running):");
    console.table(table);
    // Nothing Spine received was received more often than the outbox says it was sent.
    const creates = (await stack.spine.messages({ interactionId: CREATE, direction: "inbound" })).filter((m) => m.message_id);
    const attempts = new Map(
      (await stack.store.db.selectFrom("outbox").select(["message_id", "attempts"]).where("interaction_id", "=", CREATE).execute()).map(
        (row) => [row.message_id, row.attempts],
      ),
    );
    for (const id of new Set(creates.map((m) => m.message_id!))) {
      expect(creates.filter((m) => m.message_id === id).length).toBe(attempts.get(id));
    }
  }, 120_000);
});

describe("back-channel logout across instances", () => {
  it("a logout token delivered to A ends the session on B's very next request", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await nurseClient.get<{ signedIn: boolean }>("/api/auth/session", { instance: "B" })).body.signedIn).toBe(true);
      expect((await nurseClient.get("/api/me/role-profiles", { instance: "B" })).status).toBe(200);
    }
    const ended = await fetch(new URL("/_admin/end-session", stack.cis2.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: NURSE.uid }),
    });
    const result = (await ended.json()) as { backchannel: { delivered: boolean }[] };
    expect(result.backchannel).toEqual([expect.objectContaining({ delivered: true })]);
    const next = await nurseClient.get<{ error: { code: string } }>("/api/me/role-profiles", { instance: "B" });
    expect(next.servedBy).toBe("B");
    expect(next.status).toBe(401);
    expect(next.body.error.code).toBe("unauthenticated");
    expect((await nurseClient.get<{ signedIn: boolean }>("/api/auth/session", { instance: "A" })).body.signedIn).toBe(false);
    console.log("[two-instances] back-channel logout delivered to A; B's next request: HTTP 401");
  }, 60_000);
});

describe("the audit trail across instances", () => {
  it("both instances appending at once leave one unbroken hash chain", async () => {
    const before = await stack.store.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const views = await Promise.all(patients.slice(10, 30).map((patient) => gpClient.get(`/api/patients/${patient}/lrs`)));
    expect(views.map((view) => view.status)).toEqual(views.map(() => 200));
    expect(new Set(views.map((view) => view.servedBy))).toEqual(new Set(["A", "B"]));
    const after = await stack.store.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBeGreaterThanOrEqual(views.length);
    const verification = await verifyAuditChain(stack.store.db);
    expect(verification).toMatchObject({ ok: true, rows: Number(after.n) });
    console.log(
      `[two-instances] audit chain: ${verification.rows} rows verified unbroken; proxy served A ${stack.proxy?.served.A}, B ${stack.proxy?.served.B} requests`,
    );
  }, 60_000);
});
