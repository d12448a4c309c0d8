import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { BATCH_ROW_TABLES } from "./0004-batch-checks";

/**
 * The batch check's list and results as two values on the check (issue 13, performance): a
 * 10,000-row list was 10,000 table rows written with their index when the check started and
 * 10,000 more when its results came in — over a second of store work on the app's thread with the
 * embedded store. Now each is one JSON array in a text column of the check (rows: [rowNo, entered,
 * nhsNumber, cells, problem, duplicateOf]; results: [rowNo, outcome, detail], in list order),
 * stored uncompressed (`storage external`: compressing 1 MB costs more than it saves for a value
 * that lives 24 hours). Checks already stored keep their rows and results: copied across, in
 * order, before the old tables go. `down` puts them back as table rows.
 */
const up = [
  "alter table batch_checks add column rows_data text",
  "alter table batch_checks add column results_data text",
  "alter table batch_checks alter column rows_data set storage external",
  "alter table batch_checks alter column results_data set storage external",
  `update batch_checks c set rows_data = coalesce((
     select json_agg(json_build_array(r.row_no, r.entered, r.nhs_number, r.cells, r.problem, r.duplicate_of) order by r.row_no)::text
     from batch_check_rows r where r.batch_id = c.id), '[]')`,
  `update batch_checks c set results_data = (
     select json_agg(json_build_array(s.row_no, s.outcome, s.detail) order by s.row_no)::text
     from batch_check_results s where s.batch_id = c.id)
   where c.state = 'ready'`,
  "update batch_checks set rows_data = '[]' where rows_data is null",
  "alter table batch_checks alter column rows_data set not null",
  "drop table batch_check_results",
  "drop table batch_check_rows",
  // A batch check's Spine request and reply (1.3 MB, 3.5 MB) likewise: written once, not compressed.
  "alter table outbox alter column request_body set storage external",
  "alter table outbox alter column reply_body set storage external",
];

const down = [
  "alter table outbox alter column request_body set storage extended",
  "alter table outbox alter column reply_body set storage extended",
  ...BATCH_ROW_TABLES,
  `insert into batch_check_rows (batch_id, row_no, entered, nhs_number, cells, problem, duplicate_of)
   select c.id, (x->>0)::integer, x->>1, x->>2, x->3, x->>4, (x->>5)::integer
   from batch_checks c, jsonb_array_elements(c.rows_data::jsonb) x`,
  `insert into batch_check_results (batch_id, row_no, outcome, detail)
   select c.id, (x->>0)::integer, x->>1, x->>2
   from batch_checks c, jsonb_array_elements(c.results_data::jsonb) x
   where c.results_data is not null`,
  "alter table batch_checks drop column results_data",
  "alter table batch_checks drop column rows_data",
];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const batchCheckListsMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
