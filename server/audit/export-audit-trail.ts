import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { AuditSearchQuery } from "@/lib/schemas/audit-trail";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { getDb } from "@/server/db/client";
import { auditCsvStream } from "./audit-csv";
import { auditActorFor, auditFilterFor, auditScopeOf, describedFilters } from "./audit-scope";
import { recordAuditOrLog } from "./record-audit";

/**
 * The filtered audit trail (every page of it, in the viewer's scope) as a streamed CSV download.
 * The export is audited once when it ends: success with the number of rows, or failure when the
 * client went away or a read failed part-way.
 */
export async function exportAuditTrail(
  user: SignedInUser,
  query: AuditSearchQuery,
  requestId: string,
  now = new Date(),
): Promise<Response> {
  const scope = auditScopeOf(user);
  const { db } = await getDb();
  const audit = (outcome: "success" | "failure", details: Record<string, unknown>) =>
    recordAuditOrLog({
      action: AUDIT_ACTIONS.auditExported,
      outcome,
      actor: auditActorFor(user),
      nhsNumber: query.nhsNumber ?? null,
      details: { filters: describedFilters(query), scope: scope.kind === "all" ? "all" : scope.orgCode, ...details },
      requestId,
    });
  const stream = auditCsvStream(db, auditFilterFor(query, scope), {
    onEnd: (rows) => audit("success", { rows }),
    onAbort: (rows, reason) => audit("failure", { rows, reason }),
  });
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-trail-${stamp}.csv"`,
    },
  });
}
