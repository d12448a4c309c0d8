import "server-only";
import type { Kysely } from "kysely";
import { findByMessageId, type OutboxMessage } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";

/**
 * A user's retry of an action whose last send failed for a retryable reason (Spine unreachable,
 * timed out): put the SAME message back to pending so it goes out again under its original
 * MessageId. Only inside the persist duration, where Spine's duplicate elimination still
 * protects us if the earlier send did in fact arrive.
 * (Candidate for server/db/outbox.ts as a `reopen` transition; kept here until it moves.)
 */
export async function reopenFailedForRetry(db: Kysely<Database>, messageId: string, now: Date): Promise<OutboxMessage | undefined> {
  const row = await db
    .updateTable("outbox")
    .set({ state: "pending", completed_at: null, updated_at: now, next_attempt_at: now })
    .where("message_id", "=", messageId)
    .where("state", "=", "failed")
    .where("persist_until", ">", now)
    .returning("message_id")
    .executeTakeFirst();
  return row ? findByMessageId(db, messageId) : undefined;
}
