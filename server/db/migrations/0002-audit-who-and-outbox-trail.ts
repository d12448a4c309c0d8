import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Every audit event says who (user, role profile, organisation), which patient and which Spine
 * message. Spine updates are audited by the database from the outbox row itself, in the same
 * transaction as the state change: one `<base>.requested` event when the row is stored and one
 * `<base>.confirmed` / `<base>.failed` event when it becomes final, whichever instance or worker
 * made it final. A row opts in by naming its base in `operation.audit` (lib/schemas/audit.ts).
 */
const up = [
  "alter table audit_events add column org_code text",
  "alter table audit_events add column spine_message_id text",
  "create index audit_events_spine_message_id_idx on audit_events (spine_message_id) where spine_message_id is not null",
  `create function outbox_audit() returns trigger language plpgsql as $$
  declare
    base text := new.operation->>'audit';
    suffix text;
    result text;
  begin
    if base is null then
      return new;
    end if;
    if tg_op = 'INSERT' then
      suffix := 'requested';
      result := 'success';
    elsif new.state = 'confirmed' and old.state is distinct from 'confirmed' then
      suffix := 'confirmed';
      result := 'success';
    elsif new.state = 'failed' and old.state is distinct from 'failed' then
      suffix := 'failed';
      result := 'failure';
    else
      return new;
    end if;
    insert into audit_events (at, actor_sub, role_id, org_code, action, nhs_number, outcome, details, request_id, spine_message_id)
    values (
      new.updated_at,
      new.actor_sub,
      new.role_id,
      new.operation->>'orgCode',
      base || '.' || suffix,
      new.nhs_number,
      result,
      jsonb_strip_nulls(jsonb_build_object(
        'interactionId', new.interaction_id,
        'kind', new.operation->>'kind',
        'lrId', new.operation->>'lrId',
        'reasonCode', new.operation->>'reasonCode',
        'lrType', new.operation->>'lrType',
        'workgroupId', new.operation->>'workgroupId',
        'error', new.error->>'code',
        'attempts', case when tg_op = 'INSERT' then null else new.attempts end
      )),
      new.operation->>'requestId',
      new.message_id
    );
    return new;
  end;
  $$`,
  `create trigger outbox_audit_insert after insert on outbox for each row execute function outbox_audit()`,
  `create trigger outbox_audit_update after update of state on outbox for each row execute function outbox_audit()`,
];

const down = [
  "drop trigger if exists outbox_audit_update on outbox",
  "drop trigger if exists outbox_audit_insert on outbox",
  "drop function if exists outbox_audit",
  "drop index if exists audit_events_spine_message_id_idx",
  "alter table audit_events drop column if exists spine_message_id",
  "alter table audit_events drop column if exists org_code",
];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const auditWhoMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
