import { z } from "zod";
import { startSignInOrExplain } from "@/server/auth/start-sign-in-route";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Start CIS2 sign-in (selectedrole); `returnTo` is a same-site path to come back to. */
export const GET = withRoute(({ query, requestId }) => startSignInOrExplain("sign-in", query.returnTo, requestId), {
  access: { public: "starts CIS2 sign-in; grants nothing until the callback has verified the user" },
  query: z.object({ returnTo: z.string().max(512).optional() }),
});
