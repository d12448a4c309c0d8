import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { AuditChainVerification } from "@/lib/schemas/audit-trail";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { getDb } from "@/server/db/client";
import { auditActorFor } from "./audit-scope";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-audit-chain";

/**
 * The audit page's "Verify the audit trail": the whole chain, every organisation's rows (the chain
 * is one sequence; the answer names only the broken row's id, action and time, never its user or
 * patient). The check is audited with its result.
 */
export async function verifyAuditTrail(user: SignedInUser, requestId: string): Promise<AuditChainVerification> {
  const { db } = await getDb();
  const result = await verifyAuditChain(db);
  await recordAudit(
    {
      action: AUDIT_ACTIONS.auditVerified,
      outcome: "success",
      actor: auditActorFor(user),
      details: result.ok
        ? { intact: true, rows: result.rows, headId: result.head?.id ?? null }
        : { intact: false, brokenId: result.broken.id, rows: result.rows },
      requestId,
    },
    db,
  );
  return result;
}
