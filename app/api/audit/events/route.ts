import { auditSearchQuery } from "@/lib/schemas/audit-trail";
import { searchAuditTrail } from "@/server/audit/search-audit-trail";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** One page of the audit trail (the viewer's organisation, or all with audit.viewAll), newest first. */
export const GET = withRoute(({ user, query, requestId }) => searchAuditTrail(user, query, requestId), {
  access: { permission: "audit.view" },
  query: auditSearchQuery,
});
