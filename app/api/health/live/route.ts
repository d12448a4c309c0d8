import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers HTTP. Nothing else is asked (no store, Spine or CIS2 — that is
 * readiness, /api/health), so an orchestrator restarts the app only when it is truly stuck. It is
 * also the request path's floor in bench/request-path.ts: Next's pipeline and the route wrapper,
 * with no work behind them.
 */
export const GET = withRoute(async () => ({ status: "live" }), {
  access: { public: "orchestrators poll this to see that the process answers; it reads nothing and shows nothing" },
});
