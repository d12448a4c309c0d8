import { alertParams } from "@/lib/schemas/alerts";
import { reviewPatientForAlert } from "@/server/alerts/review-patient";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** From an alert: the patient's complete LR list from Spine and this organisation's audit trail for them. */
export const GET = withRoute(({ user, lr, params }) => reviewPatientForAlert(user, lr, params.id), {
  access: { permission: "po.alerts" },
  params: alertParams,
});
