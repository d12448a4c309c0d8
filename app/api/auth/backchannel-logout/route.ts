import { z } from "zod";
import { handleLogoutToken, LogoutTokenError } from "@/server/auth/backchannel-logout";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * OIDC back-channel logout from CIS2: form-encoded `logout_token`. 200 when the token is valid
 * (even if no session matched), 400 when it is not (as the spec requires), never a body that
 * explains why.
 */
export const POST = withRoute(
  async ({ body, requestId, log }) => {
    try {
      const ended = await handleLogoutToken(body.logout_token, requestId);
      log.info({ ended }, "back-channel logout");
      return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (!(error instanceof LogoutTokenError)) throw error;
      log.warn({ reason: error.message }, "back-channel logout token refused");
      return Response.json({ error: "invalid_request" }, { status: 400, headers: { "cache-control": "no-store" } });
    }
  },
  {
    access: { public: "CIS2 calls it server to server; the signed logout token is the credential" },
    crossOriginAllowed: "CIS2 posts from its own origin, with no cookies",
    bodyFormat: "form",
    maxBodyBytes: 16 * 1024,
    body: z.object({ logout_token: z.string().min(1).max(8192) }),
  },
);
