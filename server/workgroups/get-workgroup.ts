import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { WORKGROUP_STATUSES, WORKGROUP_TYPES } from "@/lib/hl7";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { WorkgroupDetails } from "@/lib/schemas/workgroups";
import { workgroupLabel } from "@/lib/ui/directory-names";
import { directoryFor, type WorkgroupWithMembers } from "@/server/directory/directory";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { auditedQuery } from "@/server/lr/audited-query";
import { queryWorkgroups } from "@/server/lr/interactions/query-workgroups";
import type { LrContext } from "@/server/lr/lr-context";
import { memberView } from "./workgroup-views";

/**
 * One workgroup: type, name and status as Spine knows them (the workgroup query, audited as one
 * `workgroup.query`), its members and organisation from the SDS directory. When the directory
 * cannot answer, the page says so where the members would be — and no change is offered, since
 * who may manage it (a workgroup of the role's own organisation) cannot be checked.
 */
export async function getWorkgroup(ctx: LrContext, workgroupId: string): Promise<WorkgroupDetails> {
  const directory = await directoryFor(ctx);
  const [spine, listed] = await Promise.all([
    auditedQuery(
      ctx,
      { action: AUDIT_ACTIONS.workgroupQuery, details: { workgroupId } },
      () => queryWorkgroups(ctx, { workgroupIds: [workgroupId] }),
      (result) => result.messageId,
    ),
    directory.workgroup(workgroupId).then(
      (found) => ({ ok: true as const, found }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  ]);
  const workgroup = spine.workgroups.find((w) => w.workgroupId === workgroupId);
  if (!workgroup) throw new AppError("not_found", `Spine has no workgroup with ID ${workgroupId}.`, { reference: spine.messageId });
  if (!listed.ok && !isAppError(listed.error)) throw listed.error;
  const fromDirectory: WorkgroupWithMembers | undefined = listed.ok ? listed.found : undefined;
  const typeName = displayNameOf(WORKGROUP_TYPES, workgroup.type);
  const statusName = displayNameOf(WORKGROUP_STATUSES, workgroup.status);
  const orgCode = fromDirectory?.workgroup.orgCode;
  const orgName = fromDirectory?.workgroup.orgName;
  return {
    workgroupId,
    name: workgroupLabel(workgroup.name || undefined, workgroupId),
    nameAvailable: Boolean(workgroup.name),
    ...(statusName ? { statusName } : {}),
    ...(typeName ? { typeName } : {}),
    ...(orgCode ? { organisationCode: orgCode } : {}),
    ...(orgName ? { organisationName: orgName } : {}),
    members: listed.ok
      ? { state: "listed", members: (fromDirectory?.members ?? []).map(memberView) }
      : { state: "unavailable", problem: uiErrorFrom(listed.error) },
    ...(fromDirectory ? { memberCount: fromDirectory.members.length } : {}),
    mayManage: orgCode !== undefined && orgCode === ctx.orgCode,
    reference: spine.messageId,
  };
}
