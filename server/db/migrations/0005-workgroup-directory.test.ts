import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { DIRECTORY_CHANGED_CHANNEL } from "@/server/directory/directory-channel";
import { insertPending, markConfirmed, markSent, type NewOutboxMessage } from "../outbox";
import type { Database } from "../schema";
import { workgroupDirectoryMigration } from "./0005-workgroup-directory";
import { appMigrations } from "./index";

/**
 * Migration 0005: workgroup membership changes name the member and the reason in their audit
 * events, and a confirmed one is announced on `directory_changed` for every app instance; its
 * down migration really removes both.
 */

const membership = (operation: Record<string, unknown> = {}): NewOutboxMessage => ({
  messageId: randomUUID().toUpperCase(),
  interactionId: "REPC_IN130002UK01",
  idempotencyKey: `workgroup-add:${randomUUID()}`,
  requestBody: "<REPC_IN130002UK01/>",
  persistUntil: new Date(Date.now() + 300_000),
  operation: {
    kind: "workgroup-add",
    audit: "workgroup.add",
    workgroupId: "900000000502",
    memberUserId: "900000000002",
    memberRoleProfileId: "900000000201",
    reason: "Covering the privacy office",
    ...operation,
  },
  actorSub: "900000000004",
  roleId: "900000000401",
});

async function confirm(db: Kysely<Database>, messageId: string): Promise<void> {
  await markSent(db, messageId, { nextAttemptAt: null });
  await markConfirmed(db, messageId, { replyBody: "<REPC_IN130003UK01/>" });
}

async function auditDetails(db: Kysely<Database>, messageId: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const rows = await sql<{ action: string; details: Record<string, unknown> }>`
    select action, details from audit_events where spine_message_id = ${messageId} order by id`.execute(db);
  return rows.rows;
}

describe.each(testBackends())("migration 0005 (workgroup directory) on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("audits a membership change with its member and reason, requested then confirmed", async () => {
    const message = membership();
    await insertPending(store.db, message);
    await confirm(store.db, message.messageId);
    const events = await auditDetails(store.db, message.messageId);
    expect(events.map((event) => event.action)).toEqual(["workgroup.add.requested", "workgroup.add.confirmed"]);
    for (const event of events) {
      expect(event.details).toMatchObject({
        workgroupId: "900000000502",
        memberUserId: "900000000002",
        memberRoleProfileId: "900000000201",
        reason: "Covering the privacy office",
      });
    }
  });

  it("announces a confirmed membership change (only that) on directory_changed", async () => {
    const heard: string[] = [];
    const stop = await store.listen(DIRECTORY_CHANGED_CHANNEL, (payload) => heard.push(payload));
    try {
      const lrCreate = { ...membership({ audit: "lr.create", kind: "create-lr" }), interactionId: "REPC_IN010000UK15" };
      await insertPending(store.db, lrCreate);
      await confirm(store.db, lrCreate.messageId);
      const removal = membership({ audit: "workgroup.remove", kind: "workgroup-remove" });
      await insertPending(store.db, removal);
      expect(heard, "nothing before Spine confirms").toEqual([]);
      await confirm(store.db, removal.messageId);
      await expect.poll(() => heard.length).toBe(1);
      expect(JSON.parse(heard[0] ?? "{}")).toEqual({
        workgroupId: "900000000502",
        memberUserId: "900000000002",
        memberRoleProfileId: "900000000201",
      });
    } finally {
      await stop();
    }
  });

  it("runs down (no announcement, no member in the audit) and back up", async () => {
    const db = store.db as Kysely<unknown>;
    const heard: string[] = [];
    const stop = await store.listen(DIRECTORY_CHANGED_CHANNEL, (payload) => heard.push(payload));
    try {
      await workgroupDirectoryMigration.down?.(db);
      const before = membership();
      await insertPending(store.db, before);
      await confirm(store.db, before.messageId);
      const [requested] = await auditDetails(store.db, before.messageId);
      expect(requested?.details.workgroupId).toBe("900000000502");
      expect(requested?.details.memberUserId).toBeUndefined();
      await workgroupDirectoryMigration.up(db);
      const after = membership();
      await insertPending(store.db, after);
      await confirm(store.db, after.messageId);
      await expect.poll(() => heard.length).toBe(1);
      expect(JSON.parse(heard[0] ?? "{}").workgroupId).toBe("900000000502");
      expect((await auditDetails(store.db, after.messageId))[0]?.details.memberUserId).toBe("900000000002");
    } finally {
      await stop();
    }
  });
});
