import "server-only";
import type { Kysely } from "kysely";
import { findByMessageId, type OutboxMessage, reopenFailed } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";

/**
 * A user's retry of an action whose last send failed for a retryable reason (Spine unreachable,
 * timed out): put the SAME message back to pending so it goes out again under its original
 * MessageId. Only inside the persist duration, where Spine's duplicate elimination still
 * protects us if the earlier send did in fact arrive (the outbox's `reopen` transition checks it).
 */
export async function reopenFailedForRetry(db: Kysely<Database>, messageId: string, now: Date): Promise<OutboxMessage | undefined> {
  const result = await reopenFailed(db, messageId, { now });
  // The transition does not read the bodies back; the re-send needs the stored request.
  return result.ok ? findByMessageId(db, messageId) : undefined;
}
