import { alertParams } from "@/lib/schemas/alerts";
import { resendAlert } from "@/server/alerts/resend-alert";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Send an alert that Spine does not have yet again (same alert, same message while it may still be re-sent). */
export const POST = withRoute(({ user, lr, params }) => resendAlert(user, lr, params.id), {
  access: { permission: "po.alerts" },
  params: alertParams,
});
