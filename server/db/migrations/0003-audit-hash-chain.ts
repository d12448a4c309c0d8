import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The audit trail becomes a hash chain (docs/domain.md §4b). Every row carries `prev_hash` (the
 * previous row's `row_hash`; 64 zeros for the first row) and `row_hash` = lower-case hex
 * SHA-256 of the row's canonical form (below), which includes `prev_hash`. Changing, removing or
 * reordering a row breaks the chain at that row, and `npm run audit:verify` (or the audit page's
 * verify button, server/audit/verify-audit-chain.ts) names the first broken row.
 *
 * The chain is computed in the database, by a BEFORE INSERT trigger, because rows arrive from
 * every app instance (recordAudit) and from the database itself (the outbox trigger of 0002):
 * - appends are serialised by locking the one row of `audit_chain_lock` FOR UPDATE (held until
 *   the inserting transaction ends); the row is only locked, never updated, so a transaction
 *   that appends many rows stays linear;
 * - under that lock the trigger reads the newest row and sets `id` = its id + 1 (so id order is
 *   chain order, whatever order the identity defaults were drawn in) and `prev_hash` = its hash;
 * - a transaction with a stale view of the tail (e.g. REPEATABLE READ across a concurrent
 *   append) computes an id that already exists and fails on the primary key: the chain can
 *   fail an insert, never fork.
 *
 * Canonical form, version `lr-audit-chain-v1`: these lines joined by "\n" (no final newline),
 * encoded as UTF-8 (the database encoding):
 *
 *   lr-audit-chain-v1
 *   id:<decimal id>
 *   at:<at in UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ, six fraction digits>
 *   actor_sub:<f>   role_id:<f>   org_code:<f>   action:<f>   nhs_number:<f>   outcome:<f>
 *   details:<f of PostgreSQL's jsonb text output (keys normalised by jsonb)>
 *   request_id:<f>   spine_message_id:<f>
 *   prev_hash:<64 lower-case hex>
 *
 * (one `name:<f>` per line, in the order shown), where <f> is `-` for NULL, else the value's
 * length in UTF-8 bytes, `:`, and the value itself, so no value can be mistaken for a separator.
 *
 * Rows already present when this migration runs are chained in id order by the migration itself
 * (the append-only trigger is disabled for that one backfill and enabled again).
 */

const CHAIN_VERSION = "lr-audit-chain-v1";
const GENESIS = "repeat('0', 64)";

const up = [
  "alter table audit_events add column prev_hash text",
  "alter table audit_events add column row_hash text",
  `create function audit_chain_field(v text) returns text language sql immutable as $$
    select case when v is null then '-' else octet_length(v)::text || ':' || v end
  $$`,
  `create function audit_event_canonical(
    p_id bigint, p_at timestamptz, p_actor_sub text, p_role_id text, p_org_code text, p_action text, p_nhs_number text,
    p_outcome text, p_details jsonb, p_request_id text, p_spine_message_id text, p_prev_hash text
  ) returns text language sql stable as $$
    select concat_ws(E'\\n',
      '${CHAIN_VERSION}',
      'id:' || p_id::text,
      'at:' || to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'actor_sub:' || audit_chain_field(p_actor_sub),
      'role_id:' || audit_chain_field(p_role_id),
      'org_code:' || audit_chain_field(p_org_code),
      'action:' || audit_chain_field(p_action),
      'nhs_number:' || audit_chain_field(p_nhs_number),
      'outcome:' || audit_chain_field(p_outcome),
      'details:' || audit_chain_field(p_details::text),
      'request_id:' || audit_chain_field(p_request_id),
      'spine_message_id:' || audit_chain_field(p_spine_message_id),
      'prev_hash:' || p_prev_hash)
  $$`,
  `create function audit_event_hash(canonical text) returns text language sql immutable as $$
    select encode(sha256(convert_to(canonical, 'UTF8')), 'hex')
  $$`,
  // The lock every append takes. One row, never updated (see above); its own changes are refused.
  `create table audit_chain_lock (
    one boolean primary key default true check (one),
    version text not null
  )`,
  `insert into audit_chain_lock (one, version) values (true, '${CHAIN_VERSION}')`,
  `create function audit_chain_lock_refuse_change() returns trigger language plpgsql as $$
  begin
    raise exception 'audit_chain_lock is fixed: % refused', tg_op using errcode = 'insufficient_privilege';
  end
  $$`,
  `create trigger audit_chain_lock_fixed before update or delete on audit_chain_lock
    for each row execute function audit_chain_lock_refuse_change()`,
  `create trigger audit_chain_lock_no_truncate before truncate on audit_chain_lock
    for each statement execute function audit_chain_lock_refuse_change()`,
  // Existing rows, chained in id order.
  "alter table audit_events disable trigger audit_events_append_only",
  `do $$
  declare
    r record;
    prev text := ${GENESIS};
    hash text;
  begin
    for r in select * from audit_events order by id loop
      hash := audit_event_hash(audit_event_canonical(r.id, r.at, r.actor_sub, r.role_id, r.org_code, r.action, r.nhs_number,
        r.outcome, r.details, r.request_id, r.spine_message_id, prev));
      update audit_events set prev_hash = prev, row_hash = hash where id = r.id;
      prev := hash;
    end loop;
  end
  $$`,
  "alter table audit_events enable trigger audit_events_append_only",
  "alter table audit_events alter column prev_hash set not null",
  "alter table audit_events alter column row_hash set not null",
  "alter table audit_events add constraint audit_events_prev_hash_hex check (prev_hash ~ '^[0-9a-f]{64}$')",
  "alter table audit_events add constraint audit_events_row_hash_hex check (row_hash ~ '^[0-9a-f]{64}$')",
  `create function audit_events_chain() returns trigger language plpgsql as $$
  declare
    tail_id bigint;
    tail_hash text;
  begin
    perform 1 from audit_chain_lock where one for update;
    if not found then
      raise exception 'audit_events: the chain lock row is missing; refusing an unchained append';
    end if;
    select id, row_hash into tail_id, tail_hash from audit_events order by id desc limit 1;
    new.id := coalesce(tail_id, 0) + 1;
    new.prev_hash := coalesce(tail_hash, ${GENESIS});
    new.row_hash := audit_event_hash(audit_event_canonical(new.id, new.at, new.actor_sub, new.role_id, new.org_code, new.action,
      new.nhs_number, new.outcome, new.details, new.request_id, new.spine_message_id, new.prev_hash));
    return new;
  end;
  $$`,
  "create trigger audit_events_chain before insert on audit_events for each row execute function audit_events_chain()",
];

const down = [
  "drop trigger if exists audit_events_chain on audit_events",
  "drop function if exists audit_events_chain",
  "drop table if exists audit_chain_lock",
  "drop function if exists audit_chain_lock_refuse_change",
  "drop function if exists audit_event_hash",
  "drop function if exists audit_event_canonical",
  "drop function if exists audit_chain_field",
  "alter table audit_events drop constraint if exists audit_events_row_hash_hex",
  "alter table audit_events drop constraint if exists audit_events_prev_hash_hex",
  "alter table audit_events drop column if exists row_hash",
  "alter table audit_events drop column if exists prev_hash",
  // The trigger set ids itself; the identity sequence must continue after the highest one.
  "select setval(pg_get_serial_sequence('audit_events', 'id'), coalesce((select max(id) from audit_events), 0) + 1, false)",
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const auditHashChainMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
