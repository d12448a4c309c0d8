import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { getUserRoleProfiles } from "./interactions/get-user-role-profiles";
import type { LrContext } from "./lr-context";

/**
 * The workgroups the signed-in role belongs to, from SDS (the URP query answers with each role
 * profile's workgroups). The session's role snapshot does not carry them, so they are looked up
 * once per role and remembered briefly: membership changes rarely, and every LR page needs them.
 */
export interface MyWorkgroup {
  workgroupId: string;
  name: string;
}

const REMEMBER_MS = 5 * 60_000;
const remembered = new Map<string, { at: number; workgroups: MyWorkgroup[] }>();

/**
 * `required`: the caller's decision depends on the answer (a workgroup self-claim, a status change
 * of a workgroup's LR), so a failed lookup is that failure — never an empty list that would turn
 * into a misleading "not your workgroup".
 */
export async function myWorkgroups(ctx: LrContext, options: { required?: boolean } = {}): Promise<MyWorkgroup[]> {
  const key = `${ctx.userId}:${ctx.roleProfileId}`;
  const hit = remembered.get(key);
  if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.workgroups;
  try {
    const { roleProfiles } = await getUserRoleProfiles(ctx, { roleProfileId: ctx.roleProfileId });
    const profile = roleProfiles.find((p) => p.roleProfileId === ctx.roleProfileId);
    const workgroups = (profile?.workgroups ?? []).map((w) => ({
      workgroupId: w.workgroupId,
      name: w.name ?? `Workgroup ${w.workgroupId}`,
    }));
    remembered.set(key, { at: Date.now(), workgroups });
    return workgroups;
  } catch (error) {
    ctx.log.warn({ err: error }, "could not look up the role's workgroups");
    if (options.required) {
      throw new AppError("spine_unavailable", "LR Manager could not check your workgroups with Spine's directory (SDS). Try again.", {
        retryable: true,
        ...(isAppError(error) && error.reference ? { reference: error.reference } : {}),
      });
    }
    // Without SDS the user can still act for themselves; workgroup options are simply not offered.
    return [];
  }
}

/** After a membership change (workgroup pages) the next read must go to SDS again. */
export function forgetMyWorkgroups(userId: string, roleProfileId: string): void {
  remembered.delete(`${userId}:${roleProfileId}`);
}
