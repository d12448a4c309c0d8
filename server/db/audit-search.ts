import "server-only";
import type { Kysely, Selectable, SelectQueryBuilder } from "kysely";
import type { AuditEventsTable, AuditOutcome, Database } from "./schema";

/**
 * The audit trail viewer's queries: filtered, newest first, keyset-paged by id (no OFFSET, so a
 * page costs the same at the end of a million rows as at the start), and the CSV export's chunks.
 * The organisation filter is the viewer's scope, applied by the caller (server/audit/audit-scope.ts).
 */
export interface AuditSearchFilter {
  nhsNumber?: string;
  actorSub?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Only this organisation's events (the acting role's ODS code); undefined: every organisation. */
  orgCode?: string;
}

export type AuditRow = Selectable<AuditEventsTable>;

type AuditQuery = SelectQueryBuilder<Database, "audit_events", AuditRow>;

function filtered(db: Kysely<Database>, filter: AuditSearchFilter): AuditQuery {
  let query = db.selectFrom("audit_events").selectAll() as AuditQuery;
  if (filter.orgCode !== undefined) query = query.where("org_code", "=", filter.orgCode);
  if (filter.nhsNumber !== undefined) query = query.where("nhs_number", "=", filter.nhsNumber);
  if (filter.actorSub !== undefined) query = query.where("actor_sub", "=", filter.actorSub);
  if (filter.action !== undefined) query = query.where("action", "=", filter.action);
  if (filter.outcome !== undefined) query = query.where("outcome", "=", filter.outcome);
  if (filter.since !== undefined) query = query.where("at", ">=", filter.since);
  if (filter.until !== undefined) query = query.where("at", "<", filter.until);
  return query;
}

export interface AuditRowPage {
  rows: AuditRow[];
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * One page, newest first: the newest events (no cursor), those older than `before`, or those
 * newer than `after` (the page before, going back towards the newest).
 */
export async function searchAuditRows(
  db: Kysely<Database>,
  filter: AuditSearchFilter,
  page: { before?: number; after?: number; limit: number },
): Promise<AuditRowPage> {
  let rows: AuditRow[];
  if (page.after !== undefined) {
    const newer = await filtered(db, filter).where("id", ">", page.after).orderBy("id", "asc").limit(page.limit).execute();
    rows = newer.reverse();
  } else {
    let query = filtered(db, filter);
    if (page.before !== undefined) query = query.where("id", "<", page.before);
    rows = await query.orderBy("id", "desc").limit(page.limit).execute();
  }
  const newest = rows[0]?.id;
  const oldest = rows.at(-1)?.id;
  const exists = async (query: AuditQuery) => (await query.select("id").limit(1).execute()).length > 0;
  const [hasOlder, hasNewer] = await Promise.all([
    oldest === undefined ? Promise.resolve(false) : exists(filtered(db, filter).where("id", "<", oldest)),
    newest === undefined ? Promise.resolve(false) : exists(filtered(db, filter).where("id", ">", newest)),
  ]);
  return { rows, hasOlder, hasNewer };
}

/** The export's next chunk: up to `limit` rows older than `before` (from the newest when undefined). */
export function auditExportChunk(
  db: Kysely<Database>,
  filter: AuditSearchFilter,
  before: number | undefined,
  limit: number,
): Promise<AuditRow[]> {
  let query = filtered(db, filter);
  if (before !== undefined) query = query.where("id", "<", before);
  return query.orderBy("id", "desc").limit(limit).execute();
}
