import "server-only";
import { alertTypeOf, receivedKinds } from "@/lib/alerts/raise-rules";
import { AppError } from "@/lib/errors/app-error";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import type { AlertScope } from "@/server/db/alerts";

/**
 * What a privacy officer may see: alerts raised within their own organisation, of the kinds their
 * activities receive (B0016 self-claims, B0015 access alerts). Anything else is "not found" — an
 * alert id of another organisation reveals nothing, not even that it exists.
 */
export function alertScopeOf(user: Pick<SignedInUser, "orgCode" | "permissions">): AlertScope {
  return { orgCode: user.orgCode, alertTypes: receivedKinds(user.permissions).map(alertTypeOf) };
}

export const ALERT_NOT_FOUND = () => new AppError("not_found", "There is no alert with this reference.");

/** Four-eyes: nobody may change or close an alert they caused (Spine's Alert Viewer rule). */
export function assertNotOwnAlert(user: Pick<SignedInUser, "sub">, alert: { actor_sub: string }): void {
  if (alert.actor_sub === user.sub) {
    throw new AppError("forbidden", "You cannot change or close an alert that you caused. Another privacy officer must review it.");
  }
}
