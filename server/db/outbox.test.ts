import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { appMigrations } from "./migrations";
import {
  COMPRESS_REPLY_OVER_CHARS,
  findByMessageId,
  findUnconfirmed,
  insertPending,
  listOutboxMessages,
  markConfirmed,
  markFailed,
  markSent,
  type NewOutboxMessage,
  reopenFailed,
  replyBodyOf,
  scheduleRetry,
} from "./outbox";
import { OUTBOX_CHANGED_CHANNEL, type OutboxChange, parseOutboxChange } from "./outbox-channel";
import type { Database } from "./schema";

const t0 = new Date("2026-11-25T09:00:00.000Z");
const at = (offsetMs: number) => new Date(t0.getTime() + offsetMs);
const fiveMinutes = 5 * 60 * 1000;

const spineMessageId = () => randomUUID().toUpperCase();

function pendingMessage(overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    messageId: spineMessageId(),
    interactionId: "PRPA_IN000001UK01",
    idempotencyKey: `lr-create:${randomUUID()}`,
    requestBody: "<PRPA_IN000001UK01/>",
    persistUntil: at(fiveMinutes),
    operation: { kind: "create-lr", description: "Declare a legitimate relationship" },
    actorSub: "900000000001",
    roleId: "900000000101",
    nhsNumber: syntheticNhsNumber(7),
    now: t0,
    ...overrides,
  };
}

describe.each(testBackends())("Spine outbox on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("inserts a pending message due now, and the same idempotency key returns the stored one", async () => {
    const input = pendingMessage();
    const first = await insertPending(store.db, input);
    expect(first.created).toBe(true);
    expect(first.message).toMatchObject({
      messageId: input.messageId,
      state: "pending",
      attempts: 0,
      nhsNumber: input.nhsNumber,
      operation: input.operation,
      replyBody: null,
      error: null,
      completedAt: null,
    });
    expect(first.message.nextAttemptAt?.toISOString()).toBe(t0.toISOString());

    // A double submit builds a new message id; the key, not the id, decides.
    const again = await insertPending(store.db, { ...input, messageId: spineMessageId(), requestBody: "<other/>" });
    expect(again.created).toBe(false);
    expect(again.message).toEqual(first.message);
    const rows = await store.db.selectFrom("outbox").select("message_id").where("idempotency_key", "=", input.idempotencyKey).execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps one row when the same key is inserted concurrently", async () => {
    const input = pendingMessage();
    const results = await Promise.all(Array.from({ length: 5 }, () => insertPending(store.db, { ...input, messageId: spineMessageId() })));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.message.messageId)).size).toBe(1);
  });

  it("refuses a message id that is not an upper-case UUID", async () => {
    await expect(insertPending(store.db, pendingMessage({ messageId: randomUUID() }))).rejects.toThrow(/upper-case UUID/);
  });

  it("moves pending → sent → (retry) sent → confirmed, counting attempts", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    const sent = await markSent(store.db, message.messageId, { nextAttemptAt: at(60_000), now: at(1000) });
    expect(sent).toMatchObject({ ok: true, message: { state: "sent", attempts: 1 } });
    const resent = await markSent(store.db, message.messageId, { nextAttemptAt: at(120_000), now: at(61_000) });
    expect(resent).toMatchObject({ ok: true, message: { state: "sent", attempts: 2 } });
    const confirmed = await markConfirmed(store.db, message.messageId, { replyBody: "<MCCI_IN010000UK13/>", now: at(62_000) });
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.message).toMatchObject({ state: "confirmed", attempts: 2, nextAttemptAt: null });
    expect(confirmed.message.completedAt?.toISOString()).toBe(at(62_000).toISOString());
    expect(confirmed.message.sentAt?.toISOString()).toBe(at(61_000).toISOString());
    // A transition does not read the bodies back; they are stored.
    expect(confirmed.message).not.toHaveProperty("requestBody");
    expect(confirmed.message).not.toHaveProperty("replyBody");
    expect(await findByMessageId(store.db, message.messageId)).toEqual({
      ...confirmed.message,
      requestBody: message.requestBody,
      replyBody: "<MCCI_IN010000UK13/>",
    });
  });

  it("a large reply is stored compressed and read back exactly (multi-byte text too)", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    const reply = `${"x".repeat(COMPRESS_REPLY_OVER_CHARS - 1)}😀<é/>${"<component/>".repeat(50_000)}`;
    const confirmed = await markConfirmed(store.db, message.messageId, { replyBody: reply, now: at(500) });
    expect(confirmed).toMatchObject({ ok: true, message: { state: "confirmed" } });
    const stored = await store.db
      .selectFrom("outbox")
      .select(["reply_body", "reply_compressed"])
      .where("message_id", "=", message.messageId)
      .executeTakeFirstOrThrow();
    expect(stored.reply_body).toBeNull();
    expect(stored.reply_compressed?.length).toBeLessThan(reply.length / 10);
    expect((await findByMessageId(store.db, message.messageId))?.replyBody).toBe(reply);
    expect(await replyBodyOf(store.db, message.messageId)).toBe(reply);
    const listed = await listOutboxMessages(store.db, { actorSub: "900000000001", limit: 500 });
    expect(listed.find((m) => m.messageId === message.messageId)?.replyBody).toBe(reply);

    // A refused transition changes nothing: the stored reply stays as it was.
    const again = await markFailed(store.db, message.messageId, { error: { code: "x", message: "y" }, replyBody: `${reply}more` });
    expect(again).toMatchObject({ ok: false, reason: "invalid_transition" });
    expect(await replyBodyOf(store.db, message.messageId)).toBe(reply);
  });

  it("a reply at the threshold is stored as it is; a reopened message's next reply replaces a compressed one", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    const large = "<a/>".repeat(COMPRESS_REPLY_OVER_CHARS);
    const error = { code: "spine_unavailable", message: "timed out", retryable: true };
    await markFailed(store.db, message.messageId, { error, replyBody: large, now: at(1000) });
    expect(await replyBodyOf(store.db, message.messageId)).toBe(large);
    expect(await reopenFailed(store.db, message.messageId, { now: at(2000) })).toMatchObject({ ok: true });
    const edge = "y".repeat(COMPRESS_REPLY_OVER_CHARS);
    await markConfirmed(store.db, message.messageId, { replyBody: edge, now: at(3000) });
    const stored = await store.db
      .selectFrom("outbox")
      .select(["reply_body", "reply_compressed"])
      .where("message_id", "=", message.messageId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ reply_body: edge, reply_compressed: null });
    expect((await findByMessageId(store.db, message.messageId))?.replyBody).toBe(edge);
  });

  it("confirms straight from pending (synchronous reply)", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    expect(await markConfirmed(store.db, message.messageId, { replyBody: "<ok/>", now: at(500) })).toMatchObject({
      ok: true,
      message: { state: "confirmed" },
    });
  });

  it("reopens a failed message under the same MessageId only within its persist duration", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    const error = { code: "spine_unavailable", message: "timed out", retryable: true };
    await markFailed(store.db, message.messageId, { error, now: at(1000) });
    expect(await reopenFailed(store.db, message.messageId, { now: at(fiveMinutes) })).toEqual({
      ok: false,
      reason: "persist_expired",
    });
    const reopened = await reopenFailed(store.db, message.messageId, { now: at(2000) });
    expect(reopened).toMatchObject({ ok: true, message: { messageId: message.messageId, state: "pending", completedAt: null, error } });
    if (reopened.ok) expect(reopened.message.nextAttemptAt?.toISOString()).toBe(at(2000).toISOString());
    expect(await reopenFailed(store.db, message.messageId, { now: at(3000) })).toEqual({
      ok: false,
      reason: "invalid_transition",
      current: "pending",
    });
    expect(await reopenFailed(store.db, spineMessageId(), { now: at(3000) })).toEqual({ ok: false, reason: "not_found" });
  });

  it("treats confirmed as final and failed as final except for reopen, and reports unknown message ids", async () => {
    const confirmed = (await insertPending(store.db, pendingMessage())).message;
    await markConfirmed(store.db, confirmed.messageId, { replyBody: "<ok/>", now: at(1000) });
    const failed = (await insertPending(store.db, pendingMessage())).message;
    const error = { code: "spine_rejected", message: "Patient not found", spineCode: "30" };
    const failure = await markFailed(store.db, failed.messageId, { error, replyBody: "<nack/>", now: at(1000) });
    expect(failure).toMatchObject({ ok: true, message: { state: "failed", error } });
    expect((await findByMessageId(store.db, failed.messageId))?.replyBody).toBe("<nack/>");

    for (const [id, current] of [
      [confirmed.messageId, "confirmed"],
      [failed.messageId, "failed"],
    ] as const) {
      expect(await markSent(store.db, id, { nextAttemptAt: null })).toEqual({ ok: false, reason: "invalid_transition", current });
      expect(await markConfirmed(store.db, id, { replyBody: null })).toEqual({ ok: false, reason: "invalid_transition", current });
      expect(await markFailed(store.db, id, { error })).toEqual({ ok: false, reason: "invalid_transition", current });
      expect(await scheduleRetry(store.db, id, { error, nextAttemptAt: at(1) })).toEqual({
        ok: false,
        reason: "invalid_transition",
        current,
      });
    }
    expect(await markSent(store.db, spineMessageId(), { nextAttemptAt: null })).toEqual({ ok: false, reason: "not_found" });
  });

  it("records a retriable failure without leaving the state, and the message becomes due again later", async () => {
    const { message } = await insertPending(store.db, pendingMessage());
    const error = { code: "spine_unavailable", message: "SOAP fault 206" };
    const retry = await scheduleRetry(store.db, message.messageId, { error, nextAttemptAt: at(60_000), now: at(1000) });
    expect(retry).toMatchObject({ ok: true, message: { state: "pending", attempts: 1, error } });
    const dueIds = async (now: Date) => (await findUnconfirmed(store.db, now, { limit: 1000 })).map((m) => m.messageId);
    expect(await dueIds(at(59_999))).not.toContain(message.messageId);
    expect(await dueIds(at(60_000))).toContain(message.messageId);
  });

  it("finds unconfirmed messages that are due, oldest due first, and never final ones", async () => {
    // A moment of its own, far from the other tests' clocks.
    const base = new Date("2030-01-01T00:00:00.000Z");
    const later = (offsetMs: number) => new Date(base.getTime() + offsetMs);
    const dueFirst = (await insertPending(store.db, pendingMessage({ now: base, nextAttemptAt: later(10) }))).message;
    const sentDue = (await insertPending(store.db, pendingMessage({ now: base }))).message;
    await markSent(store.db, sentDue.messageId, { nextAttemptAt: later(20), now: base });
    const notYetDue = (await insertPending(store.db, pendingMessage({ now: base, nextAttemptAt: later(10_000) }))).message;
    const done = (await insertPending(store.db, pendingMessage({ now: base, nextAttemptAt: later(5) }))).message;
    await markConfirmed(store.db, done.messageId, { replyBody: "<ok/>", now: base });

    const due = (await findUnconfirmed(store.db, later(1000), { limit: 1000 })).map((m) => m.messageId);
    const ours = due.filter((id) => [dueFirst, sentDue, notYetDue, done].some((m) => m.messageId === id));
    expect(ours).toEqual([dueFirst.messageId, sentDue.messageId]);
  });

  it("lists a patient's operations newest first", async () => {
    const nhsNumber = syntheticNhsNumber(4242);
    const older = (await insertPending(store.db, pendingMessage({ nhsNumber, now: at(1) }))).message;
    const newer = (await insertPending(store.db, pendingMessage({ nhsNumber, now: at(2) }))).message;
    const listed = await listOutboxMessages(store.db, { nhsNumber });
    expect(listed.map((m) => m.messageId)).toEqual([newer.messageId, older.messageId]);
  });

  it("notifies outbox_changed on insert and on each state change", async () => {
    const changes: OutboxChange[] = [];
    const unsubscribe = await store.listen(OUTBOX_CHANGED_CHANNEL, (payload) => changes.push(parseOutboxChange(payload)));
    try {
      const { message } = await insertPending(store.db, pendingMessage());
      await markSent(store.db, message.messageId, { nextAttemptAt: null, now: at(1) });
      await markConfirmed(store.db, message.messageId, { replyBody: "<ok/>", now: at(2) });
      const deadline = Date.now() + 5000;
      const mine = () => changes.filter((change) => change.messageId === message.messageId);
      while (mine().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(mine().map((change) => change.state)).toEqual(["pending", "sent", "confirmed"]);
    } finally {
      await unsubscribe();
    }
  });
});
