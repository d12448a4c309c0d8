import "server-only";
import { type Kysely, sql } from "kysely";
import type { ChainedRowContent } from "@/server/audit/audit-chain-hash";
import type { Database } from "./schema";

/**
 * Reading the audit chain (migration 0003) for verification: rows in id order, in keyset pages,
 * with each value rendered by the database exactly as the canonical form uses it.
 */

export interface ChainedRow extends ChainedRowContent {
  rowHash: string;
}

interface RawChainedRow {
  id: number;
  at: string;
  actor_sub: string | null;
  role_id: string | null;
  org_code: string | null;
  action: string;
  nhs_number: string | null;
  outcome: string;
  details: string;
  request_id: string | null;
  spine_message_id: string | null;
  prev_hash: string;
  row_hash: string;
}

/** The newest row's id (0 when the table is empty): the end of the chain at this moment. */
export async function auditChainTailId(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ id: number }>`select coalesce(max(id), 0)::bigint as id from audit_events`.execute(db);
  return Number(result.rows[0]?.id ?? 0);
}

export async function countAuditEventsUpTo(db: Kysely<Database>, uptoId: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::bigint as n from audit_events where id <= ${uptoId}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Rows with afterId < id ≤ uptoId, oldest first, at most `limit`. The upper bound is applied here,
 * not in SQL: `id > $1 order by id limit $2` is always an index range scan on the primary key,
 * while a two-sided range lets a planner without fresh statistics (PGlite never analyses on its
 * own) sort the whole rest of the table for every page.
 */
export async function readChainPage(db: Kysely<Database>, afterId: number, uptoId: number, limit: number): Promise<ChainedRow[]> {
  const result = await sql<RawChainedRow>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_sub, role_id, org_code, action,
      nhs_number, outcome, details::text as details, request_id, spine_message_id, prev_hash, row_hash
    from audit_events
    where id > ${afterId}
    order by id
    limit ${limit}`.execute(db);
  return result.rows
    .filter((row) => Number(row.id) <= uptoId)
    .map((row) => ({
      id: Number(row.id),
      at: row.at,
      actorSub: row.actor_sub,
      roleId: row.role_id,
      orgCode: row.org_code,
      action: row.action,
      nhsNumber: row.nhs_number,
      outcome: row.outcome,
      details: row.details,
      requestId: row.request_id,
      spineMessageId: row.spine_message_id,
      prevHash: row.prev_hash,
      rowHash: row.row_hash,
    }));
}
