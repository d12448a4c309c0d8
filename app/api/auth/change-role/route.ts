import { z } from "zod";
import { startSignInOrExplain } from "@/server/auth/start-sign-in-route";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * "Change role": re-authenticate at CIS2 with changedrole + prompt=login. Public because the
 * "your role cannot use this service" page offers it, and an expired session should still be
 * able to start again; the callback replaces any existing session with a new one.
 */
export const GET = withRoute(({ query, requestId }) => startSignInOrExplain("change-role", query.returnTo, requestId), {
  access: { public: "starts CIS2 re-authentication for a role change; grants nothing by itself" },
  query: z.object({ returnTo: z.string().max(512).optional() }),
});
