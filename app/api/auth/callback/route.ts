import { completeSignIn } from "@/server/auth/complete-sign-in";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** CIS2 redirects here with ?code&state (or ?error); the transaction cookie proves we asked. */
export const GET = withRoute(({ request, requestId }) => completeSignIn(request, requestId), {
  access: { public: "CIS2 redirect target; state, nonce and PKCE bind it to the sign-in we started" },
});
