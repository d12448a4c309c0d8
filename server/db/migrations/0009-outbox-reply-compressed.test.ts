import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { COMPRESS_REPLY_OVER_CHARS, findByMessageId, insertPending, markConfirmed } from "../outbox";
import type { Database } from "../schema";
import { outboxReplyCompressedMigration } from "./0009-outbox-reply-compressed";
import { appMigrations } from "./index";

/** Migration 0009: `down` expands a compressed reply back into `reply_body`; after `up` again it reads the same. */
describe.each(testBackends())("migration 0009 (outbox reply compressed) on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("expands a compressed reply back into reply_body, and the message reads the same after up again", async () => {
    const messageId = randomUUID().toUpperCase();
    await insertPending(store.db, {
      messageId,
      interactionId: "QUPC_IN090000UK03",
      idempotencyKey: `batch:${messageId}`,
      requestBody: "<QUPC_IN090000UK03/>",
      persistUntil: new Date(Date.now() + 300_000),
      operation: { kind: "batch-confirm", description: "Check relationships for a list of patients" },
    });
    const reply = `<QUPC_IN250000UK02>${"<component/>".repeat(Math.ceil((COMPRESS_REPLY_OVER_CHARS * 2.5) / 12))}</QUPC_IN250000UK02>`;
    await markConfirmed(store.db, messageId, { replyBody: reply });
    const db = store.db as Kysely<unknown>;
    await outboxReplyCompressedMigration.down?.(db);
    const folded = await sql<{ reply_body: string }>`select reply_body from outbox where message_id = ${messageId}`.execute(db);
    expect(folded.rows[0]?.reply_body).toBe(reply);
    await outboxReplyCompressedMigration.up(db);
    expect((await findByMessageId(store.db, messageId))?.replyBody).toBe(reply);
  });
});
