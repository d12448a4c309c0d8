import { alertQuery } from "@/lib/schemas/alerts";
import { listAlertQueue } from "@/server/alerts/list-alerts";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** The privacy officer's alert queue: their organisation and alert kinds, filtered, sorted, one page. */
export const GET = withRoute(({ user, query }) => listAlertQueue(user, query), {
  access: { permission: "po.alerts" },
  query: alertQuery,
});
