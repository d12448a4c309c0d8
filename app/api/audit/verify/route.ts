import { verifyAuditTrail } from "@/server/audit/verify-audit-trail";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Recompute the audit trail's hash chain: OK with the row count, or the first broken row. */
export const POST = withRoute(({ user, requestId }) => verifyAuditTrail(user, requestId), {
  access: { permission: "audit.view" },
});
