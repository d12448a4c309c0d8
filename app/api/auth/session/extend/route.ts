import { sessionStatus } from "@/server/auth/session-status";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** "Stay signed in": resolving the session already recorded activity; answer the new timing. */
export const POST = withRoute(async ({ session }) => sessionStatus(session), {
  access: { signedIn: true },
});
