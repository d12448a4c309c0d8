import "server-only";
import type { ColumnType, Kysely, Selectable } from "kysely";
import type { ClinicList, RowProblem } from "@/lib/batch/parse-clinic-list";
import type { BatchCounts, BatchOutcome, BatchState, BatchSubject } from "@/lib/schemas/batch-checks";
import { jsonb } from "@/lib/store/jsonb";
import type { Database, OutboxState } from "./schema";

/**
 * The batch LR check's table (migrations 0004, 0008): the check (a job) with its list as given and,
 * once Spine has answered, every row's result — each one JSON array in a column of the check, so a
 * 10,000-row list is one value written once and read once, not 10,000 table rows. The status
 * queries (polled by the page) never read those two columns.
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
  /** The list as given: JSON `[rowNo, entered, nhsNumber | null, cells, problem | null, duplicateOf | null][]`. */
  rows_data: string;
  /** Once ready: JSON `[rowNo, outcome, detail | null][]`, in list order. */
  results_data: string | null;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  expires_at: Date;
}

export type BatchTables = {
  batch_checks: BatchChecksTable;
};

export type BatchDb = Kysely<Database & BatchTables>;

export function batchDb(db: Kysely<Database>): BatchDb {
  return db.withTables<BatchTables>();
}

export type BatchCheckRecord = Omit<Selectable<BatchChecksTable>, "rows_data" | "results_data">;

/** Every column of the check but its list and results (the page polls the check's state). */
const CHECK_COLUMNS = [
  "id",
  "owner_sub",
  "role_id",
  "org_code",
  "job_role_code",
  "session_id",
  "request_id",
  "subject",
  "state",
  "spine_message_id",
  "file_name",
  "header",
  "nhs_column",
  "column_count",
  "row_count",
  "valid_count",
  "rejected_by",
  "counts",
  "error",
  "created_at",
  "updated_at",
  "expires_at",
] as const satisfies readonly (keyof BatchCheckRecord)[];

/** One row of the list as stored (see `rows_data`). */
type StoredListRow = [
  rowNo: number,
  entered: string,
  nhsNumber: string | null,
  cells: string[],
  problem: RowProblem | null,
  duplicateOf: number | null,
];
type StoredResult = [rowNo: number, outcome: BatchOutcome, detail: string | null];

export interface BatchListRow {
  rowNo: number;
  entered: string;
  nhsNumber: string | null;
  cells: string[];
  problem: RowProblem | null;
  duplicateOf: number | null;
}

/**
 * The last few checks' lists and results, decoded. A check's list never changes once stored, nor
 * its results once ready, so what is kept here is right on every instance; the job's steps and the
 * first pages then do not decode a megabyte each. In-process, a few checks at most; an entry goes
 * when its check expires, and every read is behind the owner's look-up of the check itself.
 */
const DECODED_KEPT = 4;
const decodedLists = new Map<string, BatchListRow[]>();
const decodedResults = new Map<string, StoredBatchRow[]>();

function kept<T>(cache: Map<string, T>, id: string, value: T): T {
  cache.delete(id);
  cache.set(id, value);
  for (const oldest of cache.keys()) {
    if (cache.size <= DECODED_KEPT) break;
    cache.delete(oldest);
  }
  return value;
}

function encodeRows(rows: ClinicList["rows"]): string {
  return JSON.stringify(
    rows.map(
      (row): StoredListRow => [row.rowNo, row.entered, row.nhsNumber ?? null, row.cells, row.problem ?? null, row.duplicateOf ?? null],
    ),
  );
}

function listRowsOf(rows: ClinicList["rows"]): BatchListRow[] {
  return rows.map((row) => ({
    rowNo: row.rowNo,
    entered: row.entered,
    nhsNumber: row.nhsNumber ?? null,
    cells: row.cells,
    problem: row.problem ?? null,
    duplicateOf: row.duplicateOf ?? null,
  }));
}

function decodeRows(data: string): BatchListRow[] {
  return (JSON.parse(data) as StoredListRow[]).map(([rowNo, entered, nhsNumber, cells, problem, duplicateOf]) => ({
    rowNo,
    entered,
    nhsNumber,
    cells,
    problem,
    duplicateOf,
  }));
}

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

/** The check with its whole list, as one row: a check is never stored without its list. */
export async function insertBatchCheck(db: Kysely<Database>, input: NewBatchCheck): Promise<BatchCheckRecord> {
  const { list } = input;
  const rejectedBy = Object.fromEntries(Object.entries(list.counts.byProblem).filter(([, n]) => n > 0));
  const check = await batchDb(db)
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
      rows_data: encodeRows(list.rows),
      results_data: null,
      created_at: input.now,
      updated_at: input.now,
      expires_at: input.expiresAt,
    })
    .returning(CHECK_COLUMNS)
    .executeTakeFirstOrThrow();
  kept(decodedLists, check.id, listRowsOf(list.rows));
  return check;
}

export async function findBatchCheck(db: Kysely<Database>, id: string): Promise<BatchCheckRecord | undefined> {
  return batchDb(db).selectFrom("batch_checks").select(CHECK_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function listBatchChecksOf(db: Kysely<Database>, ownerSub: string, now: Date, limit = 20): Promise<BatchCheckRecord[]> {
  return batchDb(db)
    .selectFrom("batch_checks")
    .select(CHECK_COLUMNS)
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
    .select(CHECK_COLUMNS)
    .where("state", "in", ["accepted", "sent", "replied"])
    .orderBy("created_at")
    .limit(limit)
    .execute();
}

/** The check's list as given, in list order (one value read and decoded). */
export async function batchListRows(db: Kysely<Database>, id: string): Promise<BatchListRow[]> {
  const known = decodedLists.get(id);
  if (known) return known;
  const row = await batchDb(db).selectFrom("batch_checks").select("rows_data").where("id", "=", id).executeTakeFirst();
  return row ? kept(decodedLists, id, decodeRows(row.rows_data)) : [];
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

function encodeResults(results: BatchResult[]): string {
  const inOrder = [...results].sort((a, b) => a.rowNo - b.rowNo);
  return JSON.stringify(inOrder.map((r): StoredResult => [r.rowNo, r.outcome, r.detail ?? null]));
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
        .set({
          state: "ready",
          counts: jsonb(input.counts),
          error: null,
          results_data: encodeResults(input.results),
          updated_at: input.now,
        })
        .where("id", "=", id)
        .where("state", "in", ["accepted", "sent", "replied"])
        .returning("id")
        .executeTakeFirst();
      if (!moved) return false;
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

/** Every row of a ready check with its result, in list order (its list and results read once). */
export async function batchResults(db: Kysely<Database>, id: string): Promise<StoredBatchRow[]> {
  const known = decodedResults.get(id);
  if (known) return known;
  const row = await batchDb(db).selectFrom("batch_checks").select("results_data").where("id", "=", id).executeTakeFirst();
  if (!row?.results_data) return [];
  const results = new Map((JSON.parse(row.results_data) as StoredResult[]).map((r) => [r[0], r]));
  const stored: StoredBatchRow[] = [];
  for (const listed of await batchListRows(db, id)) {
    const result = results.get(listed.rowNo);
    if (!result) continue;
    stored.push({
      rowNo: listed.rowNo,
      entered: listed.entered,
      nhsNumber: listed.nhsNumber,
      cells: listed.cells,
      outcome: result[1],
      detail: result[2],
    });
  }
  return kept(decodedResults, id, stored);
}

/** A page of results, in list order, by outcome and/or NHS number digits. */
export async function pageOfResults(
  db: Kysely<Database>,
  id: string,
  query: { outcome?: BatchOutcome; search?: string; offset: number; limit: number },
): Promise<{ rows: StoredBatchRow[]; total: number }> {
  const digits = query.search?.replace(/[^0-9]/g, "");
  const matching = (await batchResults(db, id)).filter(
    (row) => (!query.outcome || row.outcome === query.outcome) && (!digits || row.entered.replace(/ /g, "").includes(digits)),
  );
  return { rows: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
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

/** Checks past their retention time, with their lists and results. */
export async function deleteExpiredBatchChecks(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await batchDb(db).deleteFrom("batch_checks").where("expires_at", "<=", now).returning("id").execute();
  for (const { id } of deleted) {
    decodedLists.delete(id);
    decodedResults.delete(id);
  }
  return deleted.length;
}
