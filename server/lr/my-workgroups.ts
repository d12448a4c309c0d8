import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { workgroupLabel } from "@/lib/ui/directory-names";
import { directoryConfig } from "@/server/config";
import { BoundedCache } from "@/server/directory/bounded-cache";
import { listenForDirectoryChanges, onDirectoryChange } from "@/server/directory/directory-invalidation";
import { getUserRoleProfiles } from "./interactions/get-user-role-profiles";
import { type LrContext, runtimeOf } from "./lr-context";

/**
 * The workgroups the signed-in role belongs to, from SDS (the URP query answers with each role
 * profile's workgroups). The session's role snapshot does not carry them, so they are looked up
 * once per role and remembered briefly (bounded in size and time): membership changes rarely, and
 * every LR page needs them. A confirmed membership change, on any instance, makes the member's
 * next read go to SDS again (server/directory/directory-invalidation.ts).
 */
export interface MyWorkgroup {
  workgroupId: string;
  name: string;
}

const REMEMBER_MS = 5 * 60_000;
let remembered: BoundedCache<MyWorkgroup[]> | undefined;

function cache(): BoundedCache<MyWorkgroup[]> {
  remembered ??= new BoundedCache({ maxEntries: directoryConfig().cache.maxEntries, ttlMs: REMEMBER_MS });
  return remembered;
}

onDirectoryChange((change) => {
  if (change.memberUserId && change.memberRoleProfileId) forgetMyWorkgroups(change.memberUserId, change.memberRoleProfileId);
});

/** What the failed look-up says to the user: SDS could not answer — not "not your workgroup". */
export const WORKGROUP_LOOKUP_FAILED = "LR Manager could not check your workgroups with Spine's directory (SDS). Try again.";

/**
 * `required`: the caller's decision depends on the answer (a workgroup self-claim, a status change
 * of a workgroup's LR), so a failed lookup is that failure — never an empty list that would turn
 * into a misleading "not your workgroup".
 */
export async function myWorkgroups(ctx: LrContext, options: { required?: boolean } = {}): Promise<MyWorkgroup[]> {
  const key = `${ctx.userId}:${ctx.roleProfileId}`;
  const hit = cache().get(key);
  if (hit) return hit;
  try {
    await listenForDirectoryChanges((await runtimeOf(ctx)).store);
    const { roleProfiles } = await getUserRoleProfiles(ctx, { roleProfileId: ctx.roleProfileId });
    const profile = roleProfiles.find((p) => p.roleProfileId === ctx.roleProfileId);
    const workgroups = (profile?.workgroups ?? []).map((w) => ({
      workgroupId: w.workgroupId,
      name: workgroupLabel(w.name, w.workgroupId),
    }));
    cache().set(key, workgroups);
    return workgroups;
  } catch (error) {
    ctx.log.warn({ err: error }, "could not look up the role's workgroups");
    if (options.required) {
      throw new AppError("spine_unavailable", WORKGROUP_LOOKUP_FAILED, {
        retryable: true,
        ...(isAppError(error) && error.reference ? { reference: error.reference } : {}),
      });
    }
    // Without SDS the user can still act for themselves; workgroup options are simply not offered.
    return [];
  }
}

/**
 * For pages that offer workgroup choices (the self-claim): the workgroups, or — when SDS could not
 * answer — none, with the failure to show, so the page says why no workgroup is offered.
 */
export async function myWorkgroupsForPage(ctx: LrContext): Promise<{ workgroups: MyWorkgroup[]; problem?: AppError }> {
  try {
    return { workgroups: await myWorkgroups(ctx, { required: true }) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { workgroups: [], problem: error };
  }
}

/** After a membership change (workgroup pages) the next read must go to SDS again. */
export function forgetMyWorkgroups(userId: string, roleProfileId: string): void {
  remembered?.delete(`${userId}:${roleProfileId}`);
}
