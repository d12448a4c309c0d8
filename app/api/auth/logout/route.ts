import { assertSameOriginBrowserPost } from "@/server/auth/same-origin";
import { signOut } from "@/server/auth/sign-out";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Log out (POST form from the header). Public so an already-expired session still lands on the
 * signed-out page; the wrapper's same-origin check stops other sites logging users out.
 */
export const POST = withRoute(
  async ({ request, user, requestId }) => {
    assertSameOriginBrowserPost(request);
    return signOut(user, requestId, "logout");
  },
  {
    access: { public: "ends the caller's own session, if any" },
    crossOriginAllowed: "checked in the handler: HTML form posts arrive with Origin: null under Referrer-Policy no-referrer",
  },
);
