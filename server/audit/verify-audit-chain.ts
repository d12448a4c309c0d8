import "server-only";
import type { Kysely } from "kysely";
import type { AuditChainVerification, BrokenAuditRow } from "@/lib/schemas/audit-trail";
import { auditChainTailId, type ChainedRow, readChainPage } from "@/server/db/audit-chain";
import type { Database } from "@/server/db/schema";
import { AUDIT_CHAIN_GENESIS, auditRowHash } from "./audit-chain-hash";

/**
 * Walk the audit trail in id order, a page at a time (memory stays bounded however long the
 * trail is), recomputing every row's hash from its content (server/audit/audit-chain-hash.ts, not
 * the database's own function) and checking every row links to the one before it. Stops at the
 * first broken row and says what differs. Rows appended while it runs are left for the next run:
 * the walk ends at the newest row that existed when it started.
 */
export interface VerifyOptions {
  pageSize?: number;
  now?: () => Date;
}

const DEFAULT_PAGE_SIZE = 1_000;

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function brokenRow(row: ChainedRow, previous: { id: number | null; hash: string }): BrokenAuditRow | undefined {
  const recomputed = auditRowHash(row);
  const contentChanged = recomputed !== row.rowHash;
  const linkBroken = row.prevHash !== previous.hash;
  if (!contentChanged && !linkBroken) return undefined;
  const reasons: string[] = [];
  if (linkBroken) {
    reasons.push(
      previous.id === null
        ? `it is the first row but its prev_hash (${short(row.prevHash)}) is not the chain's start value: rows before it were removed or its prev_hash was changed`
        : `its prev_hash (${short(row.prevHash)}) is not row ${previous.id}'s hash (${short(previous.hash)}): a row between them was removed or inserted, or row ${previous.id} was changed and re-hashed`,
    );
  }
  if (contentChanged) {
    reasons.push(
      `its content no longer matches its hash (stored ${short(row.rowHash)}, recomputed ${short(recomputed)}): it was changed after it was written`,
    );
  }
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    problems: [...(linkBroken ? (["link"] as const) : []), ...(contentChanged ? (["content"] as const) : [])],
    message: `Row ${row.id} (${row.action}, ${row.at}): ${reasons.join("; and ")}.`,
    storedHash: row.rowHash,
    recomputedHash: recomputed,
    storedPrevHash: row.prevHash,
    expectedPrevHash: previous.hash,
  };
}

export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions = {}): Promise<AuditChainVerification> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const checkedAt = (options.now ?? (() => new Date()))().toISOString();
  const tailId = await auditChainTailId(db);
  let previous: { id: number | null; hash: string } = { id: null, hash: AUDIT_CHAIN_GENESIS };
  let rows = 0;
  let afterId = 0;
  for (;;) {
    const page = await readChainPage(db, afterId, tailId, pageSize);
    for (const row of page) {
      const broken = brokenRow(row, previous);
      if (broken) return { ok: false, rows, broken, checkedAt };
      rows++;
      previous = { id: row.id, hash: row.rowHash };
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    afterId = last.id;
  }
  return { ok: true, rows, head: previous.id === null ? null : { id: previous.id, hash: previous.hash }, checkedAt };
}
