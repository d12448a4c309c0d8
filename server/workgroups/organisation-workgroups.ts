import "server-only";
import type { OrganisationWorkgroups } from "@/lib/schemas/workgroups";
import { workgroupLabel } from "@/lib/ui/directory-names";
import { directoryFor } from "@/server/directory/directory";
import type { LrContext } from "@/server/lr/lr-context";

/**
 * The workgroups of the signed-in role's organisation, from the SDS directory (no Spine message
 * lists an organisation's workgroups). A directory that cannot answer is that failure (thrown);
 * the page still offers finding a workgroup by its id.
 */
export async function listOrganisationWorkgroups(ctx: LrContext): Promise<OrganisationWorkgroups> {
  const found = await (await directoryFor(ctx)).organisationWorkgroups(ctx.orgCode);
  return {
    organisationCode: ctx.orgCode,
    workgroups: found.map((workgroup) => ({
      workgroupId: workgroup.workgroupId,
      name: workgroupLabel(workgroup.name, workgroup.workgroupId),
      nameAvailable: workgroup.name !== undefined,
      statusName: workgroup.active ? "Open" : "Not open",
      ...(workgroup.memberCount !== undefined ? { memberCount: workgroup.memberCount } : {}),
    })),
  };
}
