import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { findByMessageId, insertPending, markConfirmed, REPLY_PART_CHARS } from "../outbox";
import type { Database } from "../schema";
import { outboxReplyPartsMigration } from "./0009-outbox-reply-parts";
import { appMigrations } from "./index";

/** Migration 0009: `down` folds a reply stored in parts back into its row, whole; `up` again reads it as before. */
describe.each(testBackends())("migration 0009 (outbox reply parts) on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("folds a reply in parts back into reply_body, and the message reads the same after up again", async () => {
    const messageId = randomUUID().toUpperCase();
    await insertPending(store.db, {
      messageId,
      interactionId: "QUPC_IN090000UK03",
      idempotencyKey: `batch:${messageId}`,
      requestBody: "<QUPC_IN090000UK03/>",
      persistUntil: new Date(Date.now() + 300_000),
      operation: { kind: "batch-confirm", description: "Check relationships for a list of patients" },
    });
    const reply = `<QUPC_IN250000UK02>${"<component/>".repeat(Math.ceil((REPLY_PART_CHARS * 2.5) / 12))}</QUPC_IN250000UK02>`;
    await markConfirmed(store.db, messageId, { replyBody: reply });
    const db = store.db as Kysely<unknown>;
    await outboxReplyPartsMigration.down?.(db);
    const folded = await sql<{ reply_body: string }>`select reply_body from outbox where message_id = ${messageId}`.execute(db);
    expect(folded.rows[0]?.reply_body).toBe(reply);
    await outboxReplyPartsMigration.up(db);
    expect((await findByMessageId(store.db, messageId))?.replyBody).toBe(reply);
  });
});
