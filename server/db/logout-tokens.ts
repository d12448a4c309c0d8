import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Back-channel logout replay check: a logout token's `jti` is accepted once. Rows live until the
 * token itself expires (a replayed expired token fails signature-time checks anyway).
 */

/** True the first time this jti is seen; false for a replay. */
export async function recordLogoutToken(db: Kysely<Database>, jti: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insertInto("seen_logout_tokens")
    .values({ jti, expires_at: expiresAt })
    .onConflict((conflict) => conflict.column("jti").doNothing())
    .returning("jti")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Housekeeping: forget tokens that expired before `now`. Returns how many. */
export async function purgeExpiredLogoutTokens(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom("seen_logout_tokens").where("expires_at", "<", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
