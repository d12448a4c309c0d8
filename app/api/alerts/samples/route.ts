import { sampleInput } from "@/lib/schemas/alerts";
import { sampleSelfClaimAlerts } from "@/server/alerts/sample-alerts";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Draw a reproducible sample of self-claim alerts for review (percentage, period, seed recorded). */
export const POST = withRoute(({ user, body, requestId }) => sampleSelfClaimAlerts(user, body, requestId), {
  access: { permission: "po.alerts.selfClaim" },
  body: sampleInput,
});
