import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Issue 16: each app instance keeps the sessions it has read in a small in-process cache
 * (server/auth/session-cache.ts), so a request does not read its session from the store. A
 * revocation must still end the session's next request on every instance, whoever revoked it (a
 * sign-out, CIS2's back-channel logout, a role change, an operator's UPDATE): the store itself
 * announces every revoked session on `session_revoked`, and every instance listens. Touches (the
 * idle timer) are not announced: each instance decides idleness from the store when in doubt.
 */
const up = [
  `create function sessions_revoked_notify() returns trigger language plpgsql as $$
  begin
    perform pg_notify('session_revoked', new.id);
    return null;
  end;
  $$`,
  `create trigger sessions_revoked_notify after update of revoked_at on sessions for each row
     when (old.revoked_at is null and new.revoked_at is not null) execute function sessions_revoked_notify()`,
];

const down = ["drop trigger if exists sessions_revoked_notify on sessions", "drop function if exists sessions_revoked_notify"];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const sessionRevokedNotifyMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
