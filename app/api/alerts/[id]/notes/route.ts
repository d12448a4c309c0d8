import { addNoteInput, alertParams } from "@/lib/schemas/alerts";
import { changeAlert } from "@/server/alerts/change-alert";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Add a note to an alert (never to one you caused). */
export const POST = withRoute(({ user, params, body, requestId }) => changeAlert(user, params.id, { note: body.note }, requestId), {
  access: { permission: "po.alerts" },
  params: alertParams,
  body: addNoteInput,
});
