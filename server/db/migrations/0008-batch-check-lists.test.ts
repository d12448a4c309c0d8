import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { batchListRows, batchResults, findBatchCheck } from "../batch-checks";
import type { Database } from "../schema";
import { batchCheckListsMigration } from "./0008-batch-check-lists";
import { appMigrations } from "./index";

/**
 * Migration 0008: a check stored before it (its list and results as table rows) keeps them — the
 * same rows, in list order, read through the new columns; and `down` puts them back as rows.
 */

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_name like 'batch_check%' order by table_name`.execute(db);
  return rows.rows.map((row) => row.table_name);
}

describe.each(testBackends())("migration 0008 (batch check lists) on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("carries a check's rows and results across, in list order, and back down again", async () => {
    const ID = randomUUID().toUpperCase();
    const db = store.db as Kysely<unknown>;
    await batchCheckListsMigration.down?.(db);
    expect(await tableNames(store.db)).toEqual(["batch_check_results", "batch_check_rows", "batch_checks"]);
    await sql`
      insert into batch_checks (id, owner_sub, role_id, org_code, job_role_code, subject, state, spine_message_id, nhs_column,
        column_count, row_count, valid_count, rejected_by, counts, created_at, updated_at, expires_at)
      values (${ID}, '900000000001', '900000000101', 'ZZP001', 'S8000:G8000:R8000', '{"kind":"self"}', 'ready', null, 0,
        2, 3, 2, '{"check_digit":1}', '{"lr":1,"noLr":1,"invalid":1,"spineError":0}', now(), now(), now() + interval '1 day')`.execute(db);
    // Inserted out of order: the list's order is its row numbers.
    await sql`
      insert into batch_check_rows (batch_id, row_no, entered, nhs_number, cells, problem, duplicate_of) values
        (${ID}, 3, '999 001 0048', '9990010048', '["999 001 0048","Clinic, room 3"]', null, null),
        (${ID}, 1, '999 000 0018', '9990000018', '["999 000 0018","Room 1"]', null, null),
        (${ID}, 2, '999 000 001', null, '["999 000 001",""]', 'length', null)`.execute(db);
    await sql`
      insert into batch_check_results (batch_id, row_no, outcome, detail) values
        (${ID}, 2, 'invalid', 'Not 10 digits'), (${ID}, 3, 'no-lr', null), (${ID}, 1, 'lr', null)`.execute(db);

    await batchCheckListsMigration.up(db);
    expect(await tableNames(store.db)).toEqual(["batch_checks"]);
    expect(await batchListRows(store.db, ID)).toEqual([
      { rowNo: 1, entered: "999 000 0018", nhsNumber: "9990000018", cells: ["999 000 0018", "Room 1"], problem: null, duplicateOf: null },
      { rowNo: 2, entered: "999 000 001", nhsNumber: null, cells: ["999 000 001", ""], problem: "length", duplicateOf: null },
      {
        rowNo: 3,
        entered: "999 001 0048",
        nhsNumber: "9990010048",
        cells: ["999 001 0048", "Clinic, room 3"],
        problem: null,
        duplicateOf: null,
      },
    ]);
    expect((await batchResults(store.db, ID)).map((row) => [row.rowNo, row.outcome, row.detail])).toEqual([
      [1, "lr", null],
      [2, "invalid", "Not 10 digits"],
      [3, "no-lr", null],
    ]);
    expect((await findBatchCheck(store.db, ID))?.counts).toEqual({ lr: 1, noLr: 1, invalid: 1, spineError: 0 });

    await batchCheckListsMigration.down?.(db);
    const rows = await sql<{ row_no: number; outcome: string; nhs_number: string | null }>`
      select r.row_no, s.outcome, r.nhs_number from batch_check_rows r
      join batch_check_results s on s.batch_id = r.batch_id and s.row_no = r.row_no order by r.row_no`.execute(db);
    expect(rows.rows).toEqual([
      { row_no: 1, outcome: "lr", nhs_number: "9990000018" },
      { row_no: 2, outcome: "invalid", nhs_number: null },
      { row_no: 3, outcome: "no-lr", nhs_number: "9990010048" },
    ]);
    await batchCheckListsMigration.up(db);
    const again = await sql<{ rows: number; results: number }>`
      select json_array_length(rows_data::json) as rows, json_array_length(results_data::json) as results
      from batch_checks where id = ${ID}`.execute(db);
    expect(again.rows).toEqual([{ rows: 3, results: 3 }]);
    await sql`delete from batch_checks where id = ${ID}`.execute(db);
  });
});
