import { alertParams, setStatusInput } from "@/lib/schemas/alerts";
import { changeAlert } from "@/server/alerts/change-alert";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Set an alert's status; closing needs a note. Four-eyes: refused for the person who caused it. */
export const POST = withRoute(
  ({ user, params, body, requestId }) =>
    changeAlert(user, params.id, { toStatus: body.status, ...(body.note ? { note: body.note } : {}) }, requestId),
  { access: { permission: "po.alerts" }, params: alertParams, body: setStatusInput },
);
