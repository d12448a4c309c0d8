import "server-only";
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

export async function myWorkgroups(ctx: LrContext): Promise<MyWorkgroup[]> {
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
    // Without SDS the user can still act for themselves; workgroup options are simply not offered.
    ctx.log.warn({ err: error }, "could not look up the role's workgroups");
    return [];
  }
}

/** After a membership change (workgroup pages) the next read must go to SDS again. */
export function forgetMyWorkgroups(userId: string, roleProfileId: string): void {
  remembered.delete(`${userId}:${roleProfileId}`);
}
