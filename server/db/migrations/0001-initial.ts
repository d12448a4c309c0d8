import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * First schema: sessions, append-only audit, the Spine outbox and back-channel-logout replay
 * checks. Plain SQL, one statement per call (PGlite's extended protocol takes one at a time).
 */

const UPPER_UUID = "^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$";
const NHS_NUMBER = "^[0-9]{10}$";

const up = [
  `create table sessions (
    id text primary key,
    sub text not null,
    sid text,
    selected_role_id text,
    role_snapshot jsonb check (role_snapshot is null or jsonb_typeof(role_snapshot) = 'object'),
    permissions jsonb not null default '[]' check (jsonb_typeof(permissions) = 'array'),
    id_token_hint text,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoked_reason text
  )`,
  "create index sessions_sub_idx on sessions (sub) where revoked_at is null",
  "create index sessions_sid_idx on sessions (sid) where revoked_at is null",
  "create index sessions_expires_at_idx on sessions (expires_at)",

  `create table audit_events (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    actor_sub text,
    role_id text,
    action text not null,
    nhs_number text check (nhs_number ~ '${NHS_NUMBER}'),
    outcome text not null check (outcome in ('success', 'failure', 'denied')),
    details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
    request_id text
  )`,
  "create index audit_events_at_idx on audit_events (at)",
  "create index audit_events_nhs_number_idx on audit_events (nhs_number, at) where nhs_number is not null",
  "create index audit_events_actor_sub_idx on audit_events (actor_sub, at)",
  // Append-only is enforced by the database, not by convention: no code path can rewrite history.
  `create function audit_events_refuse_change() returns trigger language plpgsql as $$
  begin
    raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
  end
  $$`,
  `create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_refuse_change()`,
  `create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_refuse_change()`,

  `create table outbox (
    message_id text primary key check (message_id ~ '${UPPER_UUID}'),
    interaction_id text not null,
    idempotency_key text not null unique,
    state text not null default 'pending' check (state in ('pending', 'sent', 'confirmed', 'failed')),
    actor_sub text,
    role_id text,
    nhs_number text check (nhs_number ~ '${NHS_NUMBER}'),
    request_body text not null,
    reply_body text,
    error jsonb check (error is null or jsonb_typeof(error) = 'object'),
    attempts integer not null default 0 check (attempts >= 0),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    next_attempt_at timestamptz,
    persist_until timestamptz not null,
    sent_at timestamptz,
    completed_at timestamptz,
    operation jsonb not null check (jsonb_typeof(operation) = 'object'),
    check ((state in ('confirmed', 'failed')) = (completed_at is not null))
  )`,
  "create index outbox_due_idx on outbox (next_attempt_at) where state in ('pending', 'sent')",
  "create index outbox_nhs_number_idx on outbox (nhs_number, created_at) where nhs_number is not null",
  "create index outbox_actor_sub_idx on outbox (actor_sub, created_at)",
  // Lets the BFF push operation progress (e.g. to an SSE stream) without polling the table.
  `create function outbox_notify_change() returns trigger language plpgsql as $$
  begin
    perform pg_notify('outbox_changed', json_build_object('messageId', new.message_id, 'state', new.state)::text);
    return null;
  end
  $$`,
  `create trigger outbox_changed after insert or update of state on outbox
    for each row execute function outbox_notify_change()`,

  `create table seen_logout_tokens (
    jti text primary key,
    expires_at timestamptz not null
  )`,
  "create index seen_logout_tokens_expires_at_idx on seen_logout_tokens (expires_at)",
];

const down = [
  "drop table if exists seen_logout_tokens",
  "drop table if exists outbox",
  "drop function if exists outbox_notify_change",
  "drop table if exists audit_events",
  "drop function if exists audit_events_refuse_change",
  "drop table if exists sessions",
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const initialMigration: Migration = {
  up: (db: Kysely<unknown>) => run(db, up),
  down: (db: Kysely<unknown>) => run(db, down),
};
