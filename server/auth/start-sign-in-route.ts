import "server-only";
import { config } from "@/server/config";
import { requestLogger } from "@/server/log/logger";
import type { SignInPurpose } from "./auth-transaction";
import { beginSignIn } from "./begin-sign-in";

/** Login and Change role both start here; CIS2 being down becomes a page, not a JSON error. */
export async function startSignInOrExplain(purpose: SignInPurpose, returnTo: string | undefined, requestId: string): Promise<Response> {
  try {
    return await beginSignIn(purpose, returnTo);
  } catch (error) {
    requestLogger(requestId).error({ err: error }, "could not start CIS2 sign-in");
    return new Response(null, {
      status: 302,
      headers: { location: new URL("/sign-in-error?reason=unavailable", config().APP_BASE_URL).href, "cache-control": "no-store" },
    });
  }
}
