import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { AUDIT_PAGE_SIZES, type AuditSearchQuery, type AuditTrailPage } from "@/lib/schemas/audit-trail";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { searchAuditRows } from "@/server/db/audit-search";
import { getDb } from "@/server/db/client";
import { auditTrailEventOf } from "./audit-event-view";
import { auditActorFor, auditFilterFor, auditScopeOf, describedFilters } from "./audit-scope";
import { recordAudit } from "./record-audit";

/**
 * One page of the audit trail for the signed-in viewer: their scope (own organisation, or all),
 * the filters, newest first, keyset-paged. Reading the audit trail is itself audited, with the
 * patient searched for (so a patient's own trail shows who looked it up).
 */
export async function searchAuditTrail(user: SignedInUser, query: AuditSearchQuery, requestId?: string): Promise<AuditTrailPage> {
  const scope = auditScopeOf(user);
  const { db } = await getDb();
  const page = await searchAuditRows(db, auditFilterFor(query, scope), {
    ...(query.before !== undefined ? { before: query.before } : {}),
    ...(query.after !== undefined ? { after: query.after } : {}),
    limit: query.pageSize ?? AUDIT_PAGE_SIZES[0],
  });
  await recordAudit(
    {
      action: AUDIT_ACTIONS.auditSearched,
      outcome: "success",
      actor: auditActorFor(user),
      nhsNumber: query.nhsNumber ?? null,
      details: { filters: describedFilters(query), scope: scope.kind === "all" ? "all" : scope.orgCode, shown: page.rows.length },
      requestId: requestId ?? null,
    },
    db,
  );
  const events = page.rows.map(auditTrailEventOf);
  return {
    events,
    olderBefore: page.hasOlder ? (events.at(-1)?.id ?? null) : null,
    newerAfter: page.hasNewer ? (events[0]?.id ?? null) : null,
    scope,
  };
}
