import "server-only";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import type { UiError } from "@/lib/schemas/api-error";
import { type WorkgroupDetails, workgroupIdSchema } from "@/lib/schemas/workgroups";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { requestLogger } from "@/server/log/logger";
import { type LrContext, lrContextFor } from "@/server/lr/lr-context";
import { getWorkgroup } from "./get-workgroup";

/**
 * What every workgroup page starts with: the workgroup.manage permission (else "your role cannot do
 * this"), the workgroup id from its URL checked once (a bad one goes back to the finder with its
 * error), the signed-in role's context, and the workgroup — or the problem to show instead.
 */
export async function loadWorkgroupPage(
  rawWorkgroupId: string,
  returnPath: (workgroupId: string) => string,
): Promise<
  { ctx: LrContext; workgroupId: string; workgroup: WorkgroupDetails } | { ctx?: LrContext; workgroupId: string; problem: UiError }
> {
  const decoded = decodeURIComponent(rawWorkgroupId);
  const session = await requirePagePermission("workgroup.manage", returnPath(decoded));
  const checked = workgroupIdSchema.safeParse(decoded);
  if (!checked.success) redirect(`/workgroups?workgroupId=${encodeURIComponent(decoded)}`);
  const workgroupId = checked.data;
  let ctx: LrContext;
  try {
    ctx = lrContextFor(signedInUserFrom(session), requestLogger(crypto.randomUUID()));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { workgroupId, problem: uiErrorFrom(error) };
  }
  try {
    return { ctx, workgroupId, workgroup: await getWorkgroup(ctx, workgroupId) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ctx, workgroupId, problem: uiErrorFrom(error) };
  }
}
