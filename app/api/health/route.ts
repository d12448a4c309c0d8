import { checkHealth } from "@/server/health/check-health";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

export const GET = withRoute(
  async () => {
    const report = await checkHealth();
    return Response.json(report, { status: report.status === "ok" ? 200 : 503 });
  },
  { access: { public: "load balancers and the run script poll this; it shows no personal data" } },
);
