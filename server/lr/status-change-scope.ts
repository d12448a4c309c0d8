import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { ListSubject } from "@/lib/hl7";
import { type LrHolder, organisationMatters, statusChangeRule } from "@/lib/rbac/status-change-scope";
import { getUserRoleProfiles } from "./interactions/get-user-role-profiles";
import type { LrContext } from "./lr-context";
import { myWorkgroups } from "./my-workgroups";

/**
 * The status-change scope rule (lib/rbac/status-change-scope.json, docs/domain.md §4a) applied to a
 * real LR: who holds it, from Spine's complete list, and — only when a rule depends on it — the
 * holder's organisation from SDS. Refusals are decided here, on the server; the page offers the
 * action only where the same rule allows it.
 */
export function holderOf(subject: ListSubject): LrHolder {
  switch (subject.kind) {
    case "user":
      return { kind: "user", userId: subject.userId, roleProfileId: subject.roleProfileId };
    case "workgroup":
      return {
        kind: "workgroup",
        workgroupId: subject.workgroupId,
        ...(subject.organizationId ? { orgCode: subject.organizationId } : {}),
      };
    default:
      return { kind: "other" };
  }
}

/** The holder's organisation: a workgroup's is on the list; a user's is their role profile's in SDS. */
async function withOrganisation(ctx: LrContext, holder: LrHolder): Promise<LrHolder> {
  if (holder.orgCode || holder.kind !== "user") return holder;
  const { roleProfiles } = await getUserRoleProfiles(ctx, { userId: holder.userId, roleProfileId: holder.roleProfileId });
  const orgCode = roleProfiles.find((profile) => profile.roleProfileId === holder.roleProfileId)?.organizationId;
  return orgCode ? { ...holder, orgCode } : holder;
}

export async function mayChangeStatus(ctx: LrContext, subject: ListSubject): Promise<boolean> {
  const permissions = ctx.permissions ?? [];
  let holder = holderOf(subject);
  const workgroupIds = holder.kind === "workgroup" ? (await myWorkgroups(ctx, { required: true })).map((w) => w.workgroupId) : [];
  const changer = { userId: ctx.userId, orgCode: ctx.orgCode, permissions, workgroupIds };
  if (statusChangeRule(changer, holder)) return true;
  if (!organisationMatters(changer)) return false;
  holder = await withOrganisation(ctx, holder);
  return statusChangeRule(changer, holder) !== undefined;
}

export async function assertMayChangeStatus(ctx: LrContext, subject: ListSubject): Promise<void> {
  if (await mayChangeStatus(ctx, subject)) return;
  throw new AppError(
    "forbidden",
    "You can only change the status of relationships held by you or by your own workgroups. A privacy officer at the organisation that holds this relationship can change it.",
  );
}
