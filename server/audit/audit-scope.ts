import "server-only";
import type { AuditSearchQuery, AuditTrailPage } from "@/lib/schemas/audit-trail";
import { ukDayEnd, ukDayStart } from "@/lib/ui/uk-days";
import type { AuditActor } from "@/server/audit/record-audit";
import { can, type SignedInUser } from "@/server/auth/signed-in-user";
import type { AuditSearchFilter } from "@/server/db/audit-search";

/**
 * Whose audit events a viewer may see (docs/domain.md §4b): a privacy officer reviews the actions
 * of their own organisation's staff, so `audit.view` alone shows only events whose acting role was
 * in the viewer's organisation; `audit.viewAll` (system administration) shows every organisation's,
 * including events with no organisation (a refused sign-in before any role was chosen). Decided
 * here, on the server, for the page, the search API and the export alike.
 */
export type AuditScope = AuditTrailPage["scope"];

export function auditScopeOf(user: SignedInUser): AuditScope {
  if (can(user, "audit.viewAll")) return { kind: "all" };
  // A role with no organisation sees nothing rather than everything.
  return { kind: "organisation", orgCode: user.orgCode };
}

export function auditFilterFor(query: AuditSearchQuery, scope: AuditScope): AuditSearchFilter {
  return {
    ...(scope.kind === "organisation" ? { orgCode: scope.orgCode } : {}),
    ...(query.nhsNumber ? { nhsNumber: query.nhsNumber } : {}),
    ...(query.userId ? { actorSub: query.userId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from ? { since: ukDayStart(query.from) } : {}),
    ...(query.to ? { until: ukDayEnd(query.to) } : {}),
  };
}

/** The filters as the viewer's own audit event records them. */
export function describedFilters(query: AuditSearchQuery): Record<string, string> {
  const described: Record<string, string> = {};
  for (const key of ["nhsNumber", "userId", "action", "outcome", "from", "to"] as const) {
    const value = query[key];
    if (value !== undefined) described[key] = String(value);
  }
  return described;
}

export function auditActorFor(user: SignedInUser): AuditActor {
  return { sub: user.sub, roleProfileId: user.roleProfileId, orgCode: user.orgCode, sessionId: user.sessionId };
}
