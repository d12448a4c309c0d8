import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { config } from "@/server/config";

/**
 * Same-origin check for browser POSTs, including plain HTML form posts (Log out). Our pages send
 * `Referrer-Policy: no-referrer`, and with it Chromium sends `Origin: null` on form-post
 * navigations (fetch() still sends the real Origin), which the generic wrapper check refuses.
 * So here: a real Origin must be ours; an Origin of "null" (or none) is accepted only with
 * `Sec-Fetch-Site: same-origin`, a header pages cannot forge. Anything else is cross-site.
 */
export function isSameOriginBrowserRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return origin === new URL(config().APP_BASE_URL).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

export function assertSameOriginBrowserPost(request: Request): void {
  if (!isSameOriginBrowserRequest(request)) throw new AppError("forbidden", "This request did not come from LR Manager.");
}
