import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * A large Spine reply stored compressed (issue 13): a 10,000-patient batch confirmation is 3.5 MB
 * of highly repetitive XML, and embedded PGlite runs one statement on the app's own thread from
 * start to end — writing it as one value held the event loop for ~150 ms (PGlite's JavaScript
 * counts the string's bytes a character at a time, then its WebAssembly writes the value). A reply
 * over 256 kB is now gzip-compressed off the main thread (zlib's thread pool) and stored as base64
 * in `reply_compressed`, ~10× smaller, with `reply_body` null; readers expand it
 * (server/db/outbox.ts). `down` expands every compressed reply back into `reply_body` first.
 */
const up = ["alter table outbox add column reply_compressed text", "alter table outbox alter column reply_compressed set storage external"];

async function down(db: Kysely<unknown>): Promise<void> {
  const expand = promisify(gunzip);
  const rows = await sql<{ message_id: string; reply_compressed: string }>`
    select message_id, reply_compressed from outbox where reply_compressed is not null`.execute(db);
  for (const row of rows.rows) {
    const body = (await expand(Buffer.from(row.reply_compressed, "base64"))).toString("utf8");
    await sql`update outbox set reply_body = ${body}, reply_compressed = null where message_id = ${row.message_id}`.execute(db);
  }
  await sql`alter table outbox drop column reply_compressed`.execute(db);
}

export const outboxReplyCompressedMigration: Migration = {
  up: async (db) => {
    for (const statement of up) await sql.raw(statement).execute(db);
  },
  down,
};
