import { workgroupMemberChangeInput, workgroupParams } from "@/lib/schemas/workgroups";
import { withRoute } from "@/server/http/with-route";
import { removeMember } from "@/server/workgroups/remove-member";

export const dynamic = "force-dynamic";

/** Remove a member's role profile from the workgroup (Spine REPC_IN130004UK01, via the outbox). */
export const POST = withRoute(({ lr, params, body }) => removeMember(lr, params.workgroupId, body), {
  access: { permission: "workgroup.manage" },
  params: workgroupParams,
  body: workgroupMemberChangeInput,
  maxBodyBytes: 4_096,
});
