import { XMLParser } from "fast-xml-parser";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { GET as operationGet } from "@/app/api/operations/[id]/route";
import { buildRequest, type Hl7Request, makeRequestHeader, newMessageId } from "@/lib/hl7";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { findByMessageId, insertPending, markConfirmed, markFailed } from "@/server/db/outbox";
import { logger } from "@/server/log/logger";
import { getOperationStatus } from "@/server/lr/get-operation-status";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import type { LrContext } from "@/server/lr/lr-context";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { createOutboxWorker } from "@/server/spine/outbox-worker";
import { receiveInboundSpineMessage } from "@/server/spine/receive-inbound";
import { acceptThenReply, ebxmlReply, replyTo, testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { outboxKey, sendUpdate } from "@/server/spine/send-update";
import { createSpineRuntime, type SpineRuntime } from "@/server/spine/spine-runtime";
import { type SpineStore, watchCompletion } from "@/server/spine/wait-for-completion";
import { rejection } from "@/tests/support/app-error-rejection";
import { scriptedSpineForFile } from "@/tests/support/scripted-spine-for-file";

// Outbox, worker, cross-instance completion and pending operations. One in-memory store.
process.env.APP_DB_IN_MEMORY = "1";
logger.level = "silent";

const log = pino({ level: "silent" });
const patient = syntheticNhsNumber(2);
const OWNER = "900000000101";
const { store, spine } = scriptedSpineForFile();

function runtime(overrides: Parameters<typeof testSpineOptions>[0] = {}, storeView: SpineStore = store): SpineRuntime {
  return createSpineRuntime({ store: storeView, options: testSpineOptions({ baseUrl: spine.url, ...overrides }), log });
}

function ctx(rt: SpineRuntime, userId = OWNER): LrContext {
  return { userId, roleProfileId: "900000000201", orgCode: "ZZH", jobRoleCode: "R8000", log, spine: rt };
}

function createRequest(rt: SpineRuntime): Hl7Request {
  return {
    interactionId: "REPC_IN010000UK15",
    header: makeRequestHeader({
      senderAsid: rt.options.fromAsid,
      receiverAsid: rt.options.toAsid,
      author: { roleProfileId: "900000000201", userId: OWNER, jobRoleCode: "R8000" },
    }),
    payload: {
      lrType: "01",
      subject: { kind: "user", roleProfileId: "900000000201", userId: OWNER },
      nhsNumber: patient,
      author: { kind: "user", roleProfileId: "900000000201", userId: OWNER },
    },
  };
}

const replyLater = (lrId: string, delayMs = 20) =>
  spine.setScript(({ document }) => acceptThenReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId }), delayMs));

describe("restart", () => {
  it("a message left pending is sent once by a new worker over the same store and reaches confirmed", async () => {
    // Before the "crash": the message was written but never sent.
    const before = runtime();
    const request = createRequest(before);
    const now = new Date();
    await insertPending(store.db, {
      messageId: request.header.messageId,
      interactionId: request.interactionId,
      idempotencyKey: `restart-${request.header.messageId}`,
      requestBody: buildRequest(request),
      persistUntil: new Date(now.getTime() + 5 * 60_000),
      nextAttemptAt: new Date(now.getTime() - 1000),
      operation: { kind: "create-lr" },
      actorSub: OWNER,
      nhsNumber: patient,
    });

    // After the restart: a new runtime and a new worker instance over the same store.
    const after = runtime();
    setSpineRuntime(after);
    replyLater("LR0000000000000010AB");
    const worker = createOutboxWorker(after);
    const first = await worker.runOnce();
    expect(first.resent).toEqual([request.header.messageId]);
    await spine.settled();
    expect(spine.received).toHaveLength(1);
    expect(spine.received[0]?.document?.request.header.messageId).toBe(request.header.messageId);
    expect(spine.received[0]?.document?.ebxml?.messageId).toBe(request.header.messageId);
    expect((await findByMessageId(store.db, request.header.messageId))?.state).toBe("confirmed");

    // Later ticks do not send it again.
    await worker.runOnce();
    await worker.runOnce();
    await worker.stop();
    expect(spine.received).toHaveLength(1);
  });

  it("re-sends an unconfirmed (sent) message with the same id, then fails it when the send budget or persist duration is spent", async () => {
    const rt = runtime();
    setSpineRuntime(rt);
    spine.setScript(() => ({ status: 202 })); // accepted, but Spine never replies
    const pending = await createLegitimateRelationship(ctx(runtime({ asyncWaitMs: 50 })), { nhsNumber: patient, lrType: "01" });
    expect(pending.state).toBe("pending");

    // Pretend the resend interval has passed: bring the next attempt forward.
    const due = async () => {
      await store.db
        .updateTable("outbox")
        .set({ next_attempt_at: new Date(Date.now() - 1) })
        .where("message_id", "=", pending.messageId)
        .execute();
    };
    const worker = createOutboxWorker(rt);
    await due();
    expect((await worker.runOnce()).resent).toEqual([pending.messageId]);
    await due();
    expect((await worker.runOnce()).resent).toEqual([pending.messageId]);
    await due();
    expect((await worker.runOnce()).failed).toEqual([pending.messageId]); // 3 sends = first + 2 retries
    expect(spine.received).toHaveLength(3);
    expect(new Set(spine.received.map((r) => r.document?.ebxml?.messageId))).toEqual(new Set([pending.messageId]));
    const failed = await findByMessageId(store.db, pending.messageId);
    expect(failed?.state).toBe("failed");
    expect(failed?.error?.code).toBe("spine_timeout");

    // Persist duration passed: failed without another send.
    spine.received.length = 0;
    const late = await createLegitimateRelationship(ctx(runtime({ asyncWaitMs: 50 })), { nhsNumber: patient, lrType: "02" });
    await store.db
      .updateTable("outbox")
      .set({ persist_until: new Date(Date.now() - 1), next_attempt_at: new Date(Date.now() - 1) })
      .where("message_id", "=", late.messageId)
      .execute();
    expect((await worker.runOnce()).failed).toEqual([late.messageId]);
    expect(spine.received).toHaveLength(1); // only the original send
    await worker.stop();
  });
});

describe("waiting across instances", () => {
  it("instance A's waiting request completes when the reply lands on instance B (NOTIFY)", async () => {
    // Separate store views = separate listener hubs, as two processes would have.
    const instanceA = runtime({ completionPollMs: 60_000 }, { db: store.db, listen: store.listen });
    const instanceB = runtime({}, { db: store.db, listen: store.listen });
    setSpineRuntime(instanceB); // the inbound route runs on B
    replyLater("LR0000000000000020AB", 50);
    const started = Date.now();
    const result = await createLegitimateRelationship(ctx(instanceA), { nhsNumber: patient, lrType: "01" });
    expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000020AB" });
    expect(Date.now() - started).toBeLessThan(1500); // woken by NOTIFY, not by the 60 s poll
  });

  it("falls back to polling when LISTEN is unavailable", async () => {
    const noListen: SpineStore = { db: store.db, listen: () => Promise.reject(new Error("no LISTEN here")) };
    const instanceA = runtime({ completionPollMs: 30 }, noListen);
    setSpineRuntime(runtime());
    replyLater("LR0000000000000021AB", 50);
    const result = await createLegitimateRelationship(ctx(instanceA), { nhsNumber: patient, lrType: "01" });
    expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000021AB" });
  });
});

/** Counts the statements a store view runs on the outbox table, by kind (SelectQueryNode, UpdateQueryNode…). */
function outboxStatementCounter(): { plugin: KyselyPlugin; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const onOutbox = (node: RootOperationNode) => JSON.stringify(node).includes('"name":"outbox"');
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs) {
      if (onOutbox(args.node)) counts.set(args.node.kind, (counts.get(args.node.kind) ?? 0) + 1);
      return args.node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(args.result);
    },
  };
  return { plugin, counts };
}

describe("statements per update", () => {
  it("on one instance, a create confirmed by a reply landing there reads its outbox row once (in the inbound handler, never back in the waiting request) and Spine's reply once", async () => {
    const { plugin, counts } = outboxStatementCounter();
    // No poll during the wait: any read of the row would be the waiting request's own.
    const instance = runtime({ completionPollMs: 60_000 }, { db: store.db.withPlugin(plugin), listen: store.listen });
    setSpineRuntime(instance); // the inbound route runs on the same instance
    // Long enough for the send to be recorded before the reply lands, even on a loaded machine.
    replyLater("LR0000000000000022AB", 400);
    const parses = vi.spyOn(XMLParser.prototype, "parse");
    try {
      const result = await createLegitimateRelationship(ctx(instance), {
        nhsNumber: patient,
        lrType: "01",
        idempotencyKey: newMessageId(),
      });
      expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000022AB" });
      // Spine's reply, as it arrived, is read once: its ebXML envelope, and its HL7 payload.
      const read = parses.mock.calls.map(([xml]) => String(xml));
      const replyRoot = /^\s*(<\?xml[^>]*\?>\s*)?<([\w-]+:)?REPC_IN020000UK13[\s>]/;
      expect(read.filter((xml) => replyRoot.test(xml))).toHaveLength(1);
      expect(read.filter((xml) => xml.includes("MessageHeader") && xml.includes("REPC_IN020000UK13"))).toHaveLength(1);
    } finally {
      parses.mockRestore();
    }
    // insert (a repeat of the key would find its row in the same statement), sent, the inbound's read, confirmed.
    expect(Object.fromEntries(counts)).toEqual({ InsertQueryNode: 1, UpdateQueryNode: 2, SelectQueryNode: 1 });
  });
});

describe("a reply that beats the 202", () => {
  it("completes the request, and the send is still counted: Spine received it once, the outbox says one attempt", async () => {
    const instance = runtime();
    setSpineRuntime(instance);
    spine.setScript(({ document }) => {
      const reply = ebxmlReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000023AB" }));
      return { status: 202, body: "", inbound: { ...reply, beforeAnswer: true } };
    });
    const result = await createLegitimateRelationship(ctx(instance), { nhsNumber: patient, lrType: "01" });
    expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000023AB" });
    const row = await findByMessageId(store.db, result.messageId);
    const receipts = spine.received.filter((request) => request.document?.request.header.messageId === result.messageId);
    expect(receipts).toHaveLength(1);
    expect(row).toMatchObject({ state: "confirmed", attempts: 1 });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });
});

describe("a lost listener", () => {
  it("wakes every waiter to read its row (a notification may have been missed), and the next watch listens again", async () => {
    let lost: ((reason: string) => void) | undefined;
    let listens = 0;
    // LISTEN "succeeds" but never delivers: only the loss can tell the waiter to look.
    const deaf: SpineStore = {
      db: store.db,
      listen: async (_channel, _onPayload, onLost) => {
        listens += 1;
        lost = onLost;
        return async () => undefined;
      },
    };
    const messageId = newMessageId();
    await insertPending(store.db, {
      messageId,
      interactionId: "REPC_IN010000UK15",
      idempotencyKey: `lost-listener-${messageId}`,
      requestBody: "<REPC_IN010000UK15/>",
      persistUntil: new Date(Date.now() + 60_000),
      operation: { kind: "create-lr" },
    });
    const watch = await watchCompletion(deaf, messageId);
    const started = Date.now();
    const settled = watch.settle({ timeoutMs: 20_000, pollMs: 60_000, knownOpen: true });
    await markConfirmed(store.db, messageId, { replyBody: "<REPC_IN020000UK13/>" });
    lost?.("connection terminated");
    expect(await settled).toMatchObject({ messageId, state: "confirmed" });
    expect(Date.now() - started).toBeLessThan(5_000); // woken by the loss, not by the 20 s deadline
    (await watchCompletion(deaf, newMessageId())).cancel();
    expect(listens).toBe(2);
  });
});

describe("pending operations", () => {
  it("answers pending after SPINE_ASYNC_WAIT_MS; the late reply is recorded and readable by the owner only", async () => {
    const rt = runtime({ asyncWaitMs: 50 });
    setSpineRuntime(rt);
    replyLater("LR0000000000000030AB", 300);
    const result = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01" });
    expect(result).toMatchObject({ state: "pending" });
    if (result.state !== "pending") throw new Error("expected pending");
    expect(result.operationId).toBe(result.messageId);

    const early = await getOperationStatus({ sessionSub: OWNER, spine: rt }, result.operationId);
    expect(early.state).toBe("pending");
    await spine.settled();
    const late = await getOperationStatus({ sessionSub: OWNER, spine: rt }, result.operationId);
    expect(late).toMatchObject({ state: "confirmed", kind: "create-lr", result: { lrId: "LR0000000000000030AB" } });

    const other = await rejection(getOperationStatus({ sessionSub: "900000000999", spine: rt }, result.operationId));
    expect(other.code).toBe("not_found");
    const junk = await rejection(getOperationStatus({ sessionSub: OWNER, spine: rt }, "not-an-id"));
    expect(junk.code).toBe("not_found");
  });

  it("the operations route refuses callers without a session", async () => {
    const response = await operationGet(new Request("http://127.0.0.1/api/operations/x"), {
      params: Promise.resolve({ id: newMessageId() }),
    });
    expect(response.status).toBe(401);
  });

  it("a failed operation shows its plain-English error with the message id as reference", async () => {
    const rt = runtime({ asyncWaitMs: 50 });
    setSpineRuntime(rt);
    spine.setScript(({ document }) =>
      acceptThenReply(
        document!,
        replyTo(
          document!.request,
          "MCCI_IN010000UK13",
          {},
          { acknowledgement: "AE", issues: [{ code: "1", displayName: "No match", qualifier: "ER" }] },
        ),
        200,
      ),
    );
    const result = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01" });
    expect(result.state).toBe("pending");
    await spine.settled();
    const status = await getOperationStatus({ sessionSub: OWNER, spine: rt }, result.messageId);
    expect(status.state).toBe("failed");
    expect(status.error).toEqual({
      code: "spine_business_error",
      message: "Spine has no record of this NHS number.",
      reference: result.messageId,
      retryable: false,
    });
  });
});

describe("late replies", () => {
  it("a reply that arrives after the send timed out still confirms the operation (Spine's answer wins)", async () => {
    const rt = runtime(); // timeScale 0.01: the 202 must come within 200 ms
    setSpineRuntime(rt);
    spine.setScript(({ document }) => ({
      ...acceptThenReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000070AB" }), 0),
      delayMs: 600,
    }));
    const timedOut = await rejection(createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01" }));
    expect(timedOut.code).toBe("spine_timeout");
    expect((await findByMessageId(store.db, timedOut.reference!))?.state).toBe("failed");
    await new Promise((resolve) => setTimeout(resolve, 700));
    await spine.settled();
    const status = await getOperationStatus({ sessionSub: OWNER, spine: rt }, timedOut.reference!);
    expect(status).toMatchObject({ state: "confirmed", result: { lrId: "LR0000000000000070AB" } });
  });
});

describe("idempotency", () => {
  it("a repeat of a stored action is answered from its row, even when this build of it would not be sent", async () => {
    const rt = runtime();
    const key = newMessageId();
    const first = createRequest(rt);
    await insertPending(store.db, {
      messageId: first.header.messageId,
      interactionId: first.interactionId,
      idempotencyKey: outboxKey(OWNER, first.interactionId, key),
      requestBody: buildRequest(first),
      persistUntil: new Date(Date.now() + 60_000),
      operation: { kind: "create-lr" },
      actorSub: OWNER,
    });
    const spineSaid = { code: "spine_business_error" as const, message: "Spine refused this relationship.", retryable: false };
    await markFailed(store.db, first.header.messageId, { error: spineSaid });
    // The same action again, built so that Spine's rules refuse it (an author without ids).
    const again = createRequest(rt);
    const broken = {
      ...again,
      payload: { ...again.payload, author: { kind: "user" as const, roleProfileId: "", userId: "" } },
    } as Hl7Request;
    await expect(
      sendUpdate(rt, { request: broken, idempotencyKey: key, actorSub: OWNER, operation: { kind: "create-lr" } }),
    ).rejects.toMatchObject({
      code: "spine_business_error",
      reference: first.header.messageId,
    });
    // A new action (no stored row) built that way is refused before anything is stored or sent.
    await expect(
      sendUpdate(rt, { request: broken, idempotencyKey: newMessageId(), actorSub: OWNER, operation: { kind: "create-lr" } }),
    ).rejects.toMatchObject({ code: "spine_rejected" });
  });

  it("a user's retry of a pending action re-sends the same message id; after confirmation it is answered from the outbox", async () => {
    const rt = runtime({ asyncWaitMs: 50 });
    setSpineRuntime(rt);
    spine.setScript(() => ({ status: 202 }));
    const key = "form-submit-1";
    const first = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01", idempotencyKey: key });
    expect(first.state).toBe("pending");

    replyLater("LR0000000000000040AB");
    const retry = await createLegitimateRelationship(ctx(runtime()), { nhsNumber: patient, lrType: "01", idempotencyKey: key });
    expect(retry).toMatchObject({ state: "confirmed", messageId: first.messageId, lrId: "LR0000000000000040AB" });
    expect(spine.received.map((r) => r.document?.ebxml?.messageId)).toEqual([first.messageId, first.messageId]);

    const third = await createLegitimateRelationship(ctx(runtime()), { nhsNumber: patient, lrType: "01", idempotencyKey: key });
    expect(third).toMatchObject({ state: "confirmed", messageId: first.messageId, lrId: "LR0000000000000040AB" });
    expect(spine.received).toHaveLength(2);

    // Another user with the same key gets their own message.
    const otherUser = await createLegitimateRelationship(ctx(runtime(), "900000000102"), {
      nhsNumber: patient,
      lrType: "01",
      idempotencyKey: key,
    });
    expect(otherUser.messageId).not.toBe(first.messageId);
  });

  it("after a retryable failure (Spine unreachable) the retry re-opens and re-sends the SAME message", async () => {
    const key = "form-submit-2";
    const down = await rejection(
      createLegitimateRelationship(ctx(runtime({ baseUrl: "http://127.0.0.1:1" })), {
        nhsNumber: patient,
        lrType: "01",
        idempotencyKey: key,
      }),
    );
    expect(down.code).toBe("spine_unavailable");
    expect(down.retryable).toBe(true);
    expect((await findByMessageId(store.db, down.reference!))?.state).toBe("failed");

    const rt = runtime();
    setSpineRuntime(rt);
    replyLater("LR0000000000000041AB");
    const retry = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01", idempotencyKey: key });
    expect(retry).toMatchObject({ state: "confirmed", messageId: down.reference, lrId: "LR0000000000000041AB" });
  });
});

describe("inbound handler", () => {
  it("ignores a second delivery of the same reply (duplicate) and keeps the first outcome", async () => {
    const rt = runtime({ asyncWaitMs: 50 });
    setSpineRuntime(rt);
    let reply: { body: string; contentType: string } | undefined;
    spine.setScript(({ document }) => {
      reply = ebxmlReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000050AB" }));
      return { status: 202 };
    });
    const result = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01" });
    const deps = { store, options: rt.options, journal: rt.journal, log };
    const first = await receiveInboundSpineMessage(deps, reply!);
    const second = await receiveInboundSpineMessage(deps, reply!);
    expect([first.outcome, second.outcome]).toEqual(["completed", "duplicate"]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.messageId).toBe(result.messageId);
    expect((await findByMessageId(store.db, result.messageId))?.state).toBe("confirmed");
    const unreadable = await receiveInboundSpineMessage(deps, { body: "<not-xml", contentType: "text/xml" });
    expect(unreadable.status).toBe(400);
  });
});
