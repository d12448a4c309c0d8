import { alertCounts } from "@/server/alerts/list-alerts";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** Alerts per status, for the header badge (polled). */
export const GET = withRoute(({ user }) => alertCounts(user), { access: { permission: "po.alerts" } });
