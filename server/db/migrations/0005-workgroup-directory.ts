import "server-only";
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Workgroup membership changes, audited and shared:
 *   1. the outbox's audit events (migration 0002's trigger function) also say WHO was added to or
 *      removed from the workgroup (member user id and role profile) and WHY (the reason the RA
 *      manager gave), as Care Identity Management records "approved by / why";
 *   2. when such a change becomes final as confirmed, the database NOTIFYs `directory_changed`
 *      with the workgroup and the member, so every app instance forgets what it cached about them
 *      (server/directory/directory-invalidation.ts), whichever instance or worker confirmed it.
 */

function auditFunction(extraDetails: string): string {
  return `create or replace function outbox_audit() returns trigger language plpgsql as $$
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
        'workgroupId', new.operation->>'workgroupId',${extraDetails}
        'error', new.error->>'code',
        'attempts', case when tg_op = 'INSERT' then null else new.attempts end
      )),
      new.operation->>'requestId',
      new.message_id
    );
    return new;
  end;
  $$`;
}

const MEMBER_DETAILS = `
        'memberUserId', new.operation->>'memberUserId',
        'memberRoleProfileId', new.operation->>'memberRoleProfileId',
        'reason', new.operation->>'reason',`;

const up = [
  auditFunction(MEMBER_DETAILS),
  `create function outbox_directory_notify() returns trigger language plpgsql as $$
  begin
    if new.operation->>'audit' in ('workgroup.add', 'workgroup.remove')
       and new.state = 'confirmed' and old.state is distinct from 'confirmed' then
      perform pg_notify('directory_changed', json_build_object(
        'workgroupId', new.operation->>'workgroupId',
        'memberUserId', new.operation->>'memberUserId',
        'memberRoleProfileId', new.operation->>'memberRoleProfileId'
      )::text);
    end if;
    return null;
  end;
  $$`,
  `create trigger outbox_directory_notify after update of state on outbox for each row execute function outbox_directory_notify()`,
];

const down = [
  "drop trigger if exists outbox_directory_notify on outbox",
  "drop function if exists outbox_directory_notify",
  // Back to migration 0002's details.
  auditFunction(""),
];

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const workgroupDirectoryMigration: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
};
