import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/** The list's rows and their results as tables (migration 0008 folds them into the check; its `down` restores them). */
export const BATCH_ROW_TABLES = [
  `create table batch_check_rows (
    batch_id text not null references batch_checks (id) on delete cascade,
    row_no integer not null,
    entered text not null,
    nhs_number text,
    cells jsonb not null,
    problem text,
    duplicate_of integer,
    primary key (batch_id, row_no)
  )`,
  `create table batch_check_results (
    batch_id text not null references batch_checks (id) on delete cascade,
    row_no integer not null,
    outcome text not null check (outcome in ('lr', 'no-lr', 'invalid', 'spine-error')),
    detail text,
    primary key (batch_id, row_no)
  )`,
  "create index batch_check_results_outcome_idx on batch_check_results (batch_id, outcome, row_no)",
];

/**
 * The batch LR check (server/batch): one row per check (a job, owned by the user who started it,
 * deleted with its rows when it expires), one row per line of the clinic list as given (its
 * cells kept to echo back, the NHS number it was sent as, or why it was not sent), and one result
 * per line once Spine's reply is in. Results are a table of their own so 10,000 of them are one
 * bulk insert, never 10,000 updates.
 */
const up = [
  `create table batch_checks (
    id text primary key,
    owner_sub text not null,
    role_id text not null,
    org_code text,
    job_role_code text not null,
    session_id text,
    request_id text,
    subject jsonb not null,
    state text not null check (state in ('accepted', 'sent', 'replied', 'ready', 'failed')),
    spine_message_id text unique,
    file_name text,
    header jsonb,
    nhs_column integer not null,
    column_count integer not null,
    row_count integer not null,
    valid_count integer not null,
    rejected_by jsonb not null,
    counts jsonb,
    error jsonb,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    expires_at timestamptz not null
  )`,
  "create index batch_checks_owner_idx on batch_checks (owner_sub, created_at desc)",
  "create index batch_checks_open_idx on batch_checks (created_at) where state in ('accepted', 'sent', 'replied')",
  "create index batch_checks_expires_idx on batch_checks (expires_at)",
  ...BATCH_ROW_TABLES,
];

const down = ["drop table if exists batch_check_results", "drop table if exists batch_check_rows", "drop table if exists batch_checks"];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const batchChecksMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
