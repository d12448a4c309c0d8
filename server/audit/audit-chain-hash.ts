import "server-only";
import { createHash } from "node:crypto";

/**
 * The audit chain's canonical form, recomputed by the verifier independently of the database's
 * own functions (migration 0003 documents the form; both sides must stay byte-for-byte equal).
 * Values arrive as the database renders them: `at` already in the UTC form with six fraction
 * digits, `details` as jsonb's text output.
 */
export const AUDIT_CHAIN_VERSION = "lr-audit-chain-v1";
export const AUDIT_CHAIN_GENESIS = "0".repeat(64);

export interface ChainedRowContent {
  id: number;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, six fraction digits), as the database renders it. */
  at: string;
  actorSub: string | null;
  roleId: string | null;
  orgCode: string | null;
  action: string;
  nhsNumber: string | null;
  outcome: string;
  /** The jsonb text output of `details`. */
  details: string;
  requestId: string | null;
  spineMessageId: string | null;
  prevHash: string;
}

function field(value: string | null): string {
  return value === null ? "-" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

export function canonicalAuditRow(row: ChainedRowContent): string {
  return [
    AUDIT_CHAIN_VERSION,
    `id:${row.id}`,
    `at:${row.at}`,
    `actor_sub:${field(row.actorSub)}`,
    `role_id:${field(row.roleId)}`,
    `org_code:${field(row.orgCode)}`,
    `action:${field(row.action)}`,
    `nhs_number:${field(row.nhsNumber)}`,
    `outcome:${field(row.outcome)}`,
    `details:${field(row.details)}`,
    `request_id:${field(row.requestId)}`,
    `spine_message_id:${field(row.spineMessageId)}`,
    `prev_hash:${row.prevHash}`,
  ].join("\n");
}

export function auditRowHash(row: ChainedRowContent): string {
  return createHash("sha256").update(canonicalAuditRow(row), "utf8").digest("hex");
}
