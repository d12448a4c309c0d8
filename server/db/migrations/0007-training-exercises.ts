import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The trainer console's exercises (issue 15): which scenario the training world was last set to,
 * when and by whom. The latest row is the running exercise; a reset writes a row without a
 * scenario. The guided demo ticks its steps from audit events after `started_at`.
 */
const up = [
  `create table training_exercises (
    id integer generated always as identity primary key,
    scenario text,
    started_at timestamptz not null,
    started_by text not null,
    started_by_name text
  )`,
  "create index training_exercises_started_idx on training_exercises (started_at desc, id desc)",
];

const down = ["drop table if exists training_exercises"];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const trainingExercisesMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
