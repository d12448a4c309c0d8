import "server-only";
import { type ColumnType, type Kysely, type Selectable, sql } from "kysely";
import type { ClinicList, RowProblem } from "@/lib/batch/parse-clinic-list";
import type { BatchCounts, BatchOutcome, BatchState, BatchSubject } from "@/lib/schemas/batch-checks";
import { jsonb } from "@/lib/store/jsonb";
import type { Database, OutboxState } from "./schema";

/**
 * The batch LR check's tables (migration 0004): the check (a job), its rows as given, and their
 * results. Rows and results are written a thousand per statement (a JSON array expanded by the
 * database), so a 10,000-row list costs ten round trips each way, not 10,000.
 */

type Json<T> = ColumnType<T, ReturnType<typeof jsonb<T>>, ReturnType<typeof jsonb<T>>>;
type NullableJson<T> = ColumnType<T | null, ReturnType<typeof jsonb<T>> | null | undefined, ReturnType<typeof jsonb<T>> | null>;

export interface BatchChecksTable {
  id: string;
  owner_sub: string;
  role_id: string;
  org_code: string | null;
  job_role_code: string;
  session_id: string | null;
  request_id: string | null;
  subject: Json<BatchSubject>;
  state: BatchState;
  spine_message_id: string | null;
  file_name: string | null;
  header: NullableJson<string[]>;
  nhs_column: number;
  column_count: number;
  row_count: number;
  valid_count: number;
  rejected_by: Json<Partial<Record<RowProblem, number>>>;
  counts: NullableJson<BatchCounts>;
  error: NullableJson<{ code: string; message: string }>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  expires_at: Date;
}

export interface BatchCheckRowsTable {
  batch_id: string;
  row_no: number;
  entered: string;
  nhs_number: string | null;
  cells: Json<string[]>;
  problem: RowProblem | null;
  duplicate_of: number | null;
}

export interface BatchCheckResultsTable {
  batch_id: string;
  row_no: number;
  outcome: BatchOutcome;
  detail: string | null;
}

export type BatchTables = {
  batch_checks: BatchChecksTable;
  batch_check_rows: BatchCheckRowsTable;
  batch_check_results: BatchCheckResultsTable;
};

export type BatchDb = Kysely<Database & BatchTables>;

/**
 * Rows per insert statement: a thousand keeps a 10,000-row list to ten round trips, and — since
 * embedded PGlite runs each statement on the app's own thread — no statement holds the event loop long.
 */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Between statements, let the event loop run: PGlite answers through promise continuations alone,
 * so back-to-back statements would otherwise hold timers and sockets until the last one is done.
 */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

export function batchDb(db: Kysely<Database>): BatchDb {
  return db.withTables<BatchTables>();
}

export type BatchCheckRecord = Selectable<BatchChecksTable>;

export interface NewBatchCheck {
  id: string;
  ownerSub: string;
  roleId: string;
  orgCode: string | null;
  jobRoleCode: string;
  sessionId?: string;
  requestId?: string;
  subject: BatchSubject;
  spineMessageId: string | null;
  fileName?: string;
  list: ClinicList;
  now: Date;
  expiresAt: Date;
}

/** The check and all its rows, in one transaction: a check is never stored without its list. */
export async function insertBatchCheck(db: Kysely<Database>, input: NewBatchCheck): Promise<BatchCheckRecord> {
  const { list } = input;
  const rejectedBy = Object.fromEntries(Object.entries(list.counts.byProblem).filter(([, n]) => n > 0));
  return batchDb(db)
    .transaction()
    .execute(async (trx) => {
      const check = await trx
        .insertInto("batch_checks")
        .values({
          id: input.id,
          owner_sub: input.ownerSub,
          role_id: input.roleId,
          org_code: input.orgCode,
          job_role_code: input.jobRoleCode,
          session_id: input.sessionId ?? null,
          request_id: input.requestId ?? null,
          subject: jsonb(input.subject),
          state: "accepted",
          spine_message_id: input.spineMessageId,
          file_name: input.fileName ?? null,
          header: list.header ? jsonb(list.header) : null,
          nhs_column: list.nhsColumn,
          column_count: list.columnCount,
          row_count: list.counts.rows,
          valid_count: list.counts.valid,
          rejected_by: jsonb(rejectedBy),
          created_at: input.now,
          updated_at: input.now,
          expires_at: input.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (let from = 0; from < list.rows.length; from += ROWS_PER_STATEMENT) {
        await letOthersRun();
        const rows = list.rows.slice(from, from + ROWS_PER_STATEMENT).map((row) => ({
          n: row.rowNo,
          e: row.entered,
          h: row.nhsNumber ?? null,
          c: row.cells,
          p: row.problem ?? null,
          d: row.duplicateOf ?? null,
        }));
        await sql`
          insert into batch_check_rows (batch_id, row_no, entered, nhs_number, cells, problem, duplicate_of)
          select ${input.id}, x.n, x.e, x.h, x.c, x.p, x.d
          from jsonb_to_recordset(cast(cast(${JSON.stringify(rows)} as text) as jsonb))
            as x(n integer, e text, h text, c jsonb, p text, d integer)`.execute(trx);
      }
      return check;
    });
}

export async function findBatchCheck(db: Kysely<Database>, id: string): Promise<BatchCheckRecord | undefined> {
  return batchDb(db).selectFrom("batch_checks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listBatchChecksOf(db: Kysely<Database>, ownerSub: string, now: Date, limit = 20): Promise<BatchCheckRecord[]> {
  return batchDb(db)
    .selectFrom("batch_checks")
    .selectAll()
    .where("owner_sub", "=", ownerSub)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** Checks not yet final (after a restart: to resume or fail). */
export async function listOpenBatchChecks(db: Kysely<Database>, limit = 20): Promise<BatchCheckRecord[]> {
  return batchDb(db)
    .selectFrom("batch_checks")
    .selectAll()
    .where("state", "in", ["accepted", "sent", "replied"])
    .orderBy("created_at")
    .limit(limit)
    .execute();
}

/** The rows that go to Spine, in list order (read a thousand at a time, letting other work run between). */
export async function sendableNhsNumbers(db: Kysely<Database>, id: string): Promise<{ rowNo: number; nhsNumber: string }[]> {
  const found: { rowNo: number; nhsNumber: string }[] = [];
  for (let after = 0; ; ) {
    await letOthersRun();
    const rows = await batchDb(db)
      .selectFrom("batch_check_rows")
      .select(["row_no", "nhs_number"])
      .where("batch_id", "=", id)
      .where("row_no", ">", after)
      .where("nhs_number", "is not", null)
      .orderBy("row_no")
      .limit(ROWS_PER_STATEMENT)
      .execute();
    for (const row of rows) found.push({ rowNo: row.row_no, nhsNumber: row.nhs_number ?? "" });
    const last = rows[rows.length - 1];
    if (!last || rows.length < ROWS_PER_STATEMENT) return found;
    after = last.row_no;
  }
}

/** Every row's problem (for the results of rows that were not sent). */
export async function rejectedRows(
  db: Kysely<Database>,
  id: string,
): Promise<{ rowNo: number; problem: RowProblem; duplicateOf: number | null }[]> {
  const rows = await batchDb(db)
    .selectFrom("batch_check_rows")
    .select(["row_no", "problem", "duplicate_of"])
    .where("batch_id", "=", id)
    .where("problem", "is not", null)
    .orderBy("row_no")
    .execute();
  return rows.map((row) => ({ rowNo: row.row_no, problem: row.problem as RowProblem, duplicateOf: row.duplicate_of }));
}

/** Move a check forward, only from the states given (an atomic UPDATE … WHERE state IN). */
export async function moveBatchCheck(
  db: Kysely<Database>,
  id: string,
  from: readonly BatchState[],
  to: BatchState,
  now: Date,
): Promise<boolean> {
  const row = await batchDb(db)
    .updateTable("batch_checks")
    .set({ state: to, updated_at: now })
    .where("id", "=", id)
    .where("state", "in", [...from])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface BatchResult {
  rowNo: number;
  outcome: BatchOutcome;
  detail?: string;
}

/**
 * The check's results and its final state in one transaction, and only if the check was not final
 * yet: whoever makes it final (the instance that sent it, or one resuming it) does so once.
 * `then` runs inside the same transaction (the audit event), so the event exists exactly when the
 * results do.
 */
export async function completeBatchCheck(
  db: Kysely<Database>,
  id: string,
  input: { results: BatchResult[]; counts: BatchCounts; now: Date },
  then: (trx: Kysely<Database>) => Promise<void>,
): Promise<boolean> {
  return batchDb(db)
    .transaction()
    .execute(async (trx) => {
      const moved = await trx
        .updateTable("batch_checks")
        .set({ state: "ready", counts: jsonb(input.counts), error: null, updated_at: input.now })
        .where("id", "=", id)
        .where("state", "in", ["accepted", "sent", "replied"])
        .returning("id")
        .executeTakeFirst();
      if (!moved) return false;
      for (let from = 0; from < input.results.length; from += ROWS_PER_STATEMENT) {
        await letOthersRun();
        const values = input.results.slice(from, from + ROWS_PER_STATEMENT).map((r) => ({ n: r.rowNo, o: r.outcome, d: r.detail ?? null }));
        await sql`
          insert into batch_check_results (batch_id, row_no, outcome, detail)
          select ${id}, x.n, x.o, x.d
          from jsonb_to_recordset(cast(cast(${JSON.stringify(values)} as text) as jsonb)) as x(n integer, o text, d text)`.execute(trx);
      }
      await then(trx as unknown as Kysely<Database>);
      return true;
    });
}

/** Fail a check that is not final yet, with `then` (the audit event) in the same transaction. */
export async function failBatchCheck(
  db: Kysely<Database>,
  id: string,
  input: { error: { code: string; message: string }; now: Date },
  then: (trx: Kysely<Database>) => Promise<void>,
): Promise<boolean> {
  return batchDb(db)
    .transaction()
    .execute(async (trx) => {
      const moved = await trx
        .updateTable("batch_checks")
        .set({ state: "failed", error: jsonb(input.error), updated_at: input.now })
        .where("id", "=", id)
        .where("state", "in", ["accepted", "sent", "replied"])
        .returning("id")
        .executeTakeFirst();
      if (!moved) return false;
      await then(trx as unknown as Kysely<Database>);
      return true;
    });
}

export interface StoredBatchRow {
  rowNo: number;
  entered: string;
  nhsNumber: string | null;
  cells: string[];
  outcome: BatchOutcome;
  detail: string | null;
}

const RESULT_COLUMNS = ["s.row_no", "r.entered", "r.nhs_number", "r.cells", "s.outcome", "s.detail"] as const;

function resultsOf(db: Kysely<Database>, id: string) {
  return batchDb(db)
    .selectFrom("batch_check_results as s")
    .innerJoin("batch_check_rows as r", (join) => join.onRef("r.batch_id", "=", "s.batch_id").onRef("r.row_no", "=", "s.row_no"))
    .where("s.batch_id", "=", id);
}

function toStoredRow(row: {
  row_no: number;
  entered: string;
  nhs_number: string | null;
  cells: string[];
  outcome: BatchOutcome;
  detail: string | null;
}): StoredBatchRow {
  return { rowNo: row.row_no, entered: row.entered, nhsNumber: row.nhs_number, cells: row.cells, outcome: row.outcome, detail: row.detail };
}

/** A page of results, in list order, by outcome and/or NHS number digits. */
export async function pageOfResults(
  db: Kysely<Database>,
  id: string,
  query: { outcome?: BatchOutcome; search?: string; offset: number; limit: number },
): Promise<{ rows: StoredBatchRow[]; total: number }> {
  let base = resultsOf(db, id);
  if (query.outcome) base = base.where("s.outcome", "=", query.outcome);
  if (query.search) {
    const digits = query.search.replace(/[^0-9]/g, "");
    base = base.where(sql<string>`replace(r.entered, ' ', '')`, "like", `%${digits}%`);
  }
  const [rows, total] = await Promise.all([
    base.select(RESULT_COLUMNS).orderBy("s.row_no").offset(query.offset).limit(query.limit).execute(),
    base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirst(),
  ]);
  return { rows: rows.map(toStoredRow), total: total?.n ?? 0 };
}

/** Rows after `afterRowNo` in list order (keyset paging for the CSV export). */
export async function resultsAfter(db: Kysely<Database>, id: string, afterRowNo: number, limit: number): Promise<StoredBatchRow[]> {
  const rows = await resultsOf(db, id).where("s.row_no", ">", afterRowNo).select(RESULT_COLUMNS).orderBy("s.row_no").limit(limit).execute();
  return rows.map(toStoredRow);
}

/** Only the state of an outbox row (the row itself carries the whole request and reply). */
export async function outboxStateOf(db: Kysely<Database>, messageId: string): Promise<OutboxState | undefined> {
  const row = await db.selectFrom("outbox").select("state").where("message_id", "=", messageId).executeTakeFirst();
  return row?.state;
}

/** Only the error of an outbox row. */
export async function outboxErrorOf(db: Kysely<Database>, messageId: string): Promise<{ code: string; message: string } | undefined> {
  const row = await db.selectFrom("outbox").select("error").where("message_id", "=", messageId).executeTakeFirst();
  return row?.error ?? undefined;
}

/** Only the reply body of an outbox row. */
export async function outboxReplyBodyOf(db: Kysely<Database>, messageId: string): Promise<string | undefined> {
  const row = await db.selectFrom("outbox").select("reply_body").where("message_id", "=", messageId).executeTakeFirst();
  return row?.reply_body ?? undefined;
}

/** Checks past their retention time, with their rows and results (cascade). */
export async function deleteExpiredBatchChecks(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await batchDb(db).deleteFrom("batch_checks").where("expires_at", "<=", now).returning("id").execute();
  return deleted.length;
}
