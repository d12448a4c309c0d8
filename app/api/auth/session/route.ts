import { sessionStatus } from "@/server/auth/session-status";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Idle-timeout status for the warning dialog. Passive: polling it does not extend the session. */
export const GET = withRoute(async ({ session }) => sessionStatus(session), {
  access: { public: "tells the caller only whether their own session is alive and when it ends" },
});
