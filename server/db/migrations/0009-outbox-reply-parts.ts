import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * A large Spine reply stored in pieces (issue 13): a 10,000-patient batch confirmation is 3.5 MB,
 * and embedded PGlite runs one statement on the app's own thread from start to end, so writing it
 * as one value held the event loop for ~150 ms. A reply over a quarter of a megabyte is now written
 * as parts of that size, one statement each with the event loop turning between them, inside the
 * transaction that records the outcome; `reply_parts` says how many (0: the reply, if any, is in
 * `reply_body`). Readers join the parts in order (server/db/outbox.ts). `down` folds them back.
 */
const up = [
  "alter table outbox add column reply_parts integer not null default 0",
  `create table outbox_reply_parts (
    message_id text not null references outbox (message_id) on delete cascade,
    part_no integer not null,
    body text not null,
    primary key (message_id, part_no)
  )`,
  "alter table outbox_reply_parts alter column body set storage external",
];

const down = [
  `update outbox o set reply_body = (
     select string_agg(p.body, '' order by p.part_no) from outbox_reply_parts p where p.message_id = o.message_id)
   where o.reply_parts > 0`,
  "drop table outbox_reply_parts",
  "alter table outbox drop column reply_parts",
];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const outboxReplyPartsMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
