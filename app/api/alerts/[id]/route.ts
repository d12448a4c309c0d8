import { alertParams } from "@/lib/schemas/alerts";
import { getAlert } from "@/server/alerts/get-alert";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** One alert with its history; another organisation's alert is not found. */
export const GET = withRoute(({ user, params }) => getAlert(user, params.id), {
  access: { permission: "po.alerts" },
  params: alertParams,
});
