import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Privacy-officer alerts: one row per alert (raised by a self-claim or an emergency / override
 * access), its notes and status changes, and the samples a privacy officer drew. The alert is kept
 * here whatever happens to its Spine message (`spine_message_id` names the outbox row that sends
 * it), so a failed send never loses an alert.
 */
const UPPER_UUID = "^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$";

const up = [
  `create table alerts (
    id text primary key check (id ~ '${UPPER_UUID}'),
    org_code text not null,
    alert_type text not null,
    reason_code text not null,
    reason_text text,
    nhs_number text not null check (nhs_number ~ '^[0-9]{10}$'),
    actor_sub text not null,
    actor_role_id text not null,
    actor_name text,
    actor_role_name text,
    actor_org_name text,
    lr_id text,
    source_message_id text,
    spine_message_id text,
    status text not null default 'new' check (status in ('new', 'open', 'investigating', 'closed')),
    sample_id text,
    raised_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  "create index alerts_queue_idx on alerts (org_code, status, raised_at desc)",
  "create index alerts_nhs_number_idx on alerts (nhs_number, raised_at desc)",
  "create unique index alerts_source_idx on alerts (source_message_id, alert_type) where source_message_id is not null",
  `create table alert_events (
    id bigint generated always as identity primary key,
    alert_id text not null references alerts (id),
    at timestamptz not null,
    actor_sub text not null,
    actor_role_id text,
    actor_name text,
    kind text not null check (kind in ('note', 'status', 'sampled')),
    from_status text,
    to_status text,
    note text
  )`,
  "create index alert_events_alert_idx on alert_events (alert_id, id)",
  `create table alert_samples (
    id text primary key,
    org_code text not null,
    percentage integer not null check (percentage between 1 and 100),
    period_start timestamptz not null,
    period_end timestamptz not null,
    seed text not null,
    drawn_by text not null,
    drawn_at timestamptz not null,
    population integer not null,
    sampled integer not null
  )`,
];

const down = ["drop table if exists alert_samples", "drop table if exists alert_events", "drop table if exists alerts"];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const alertsMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
