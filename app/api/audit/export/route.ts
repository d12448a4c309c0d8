import { auditSearchQuery } from "@/lib/schemas/audit-trail";
import { exportAuditTrail } from "@/server/audit/export-audit-trail";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** The filtered audit trail as CSV, streamed from the database in chunks (never loaded whole). */
export const GET = withRoute(({ user, query, requestId }) => exportAuditTrail(user, query, requestId), {
  access: { permission: "audit.view" },
  query: auditSearchQuery,
});
