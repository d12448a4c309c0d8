import { workgroupMemberChangeInput, workgroupParams } from "@/lib/schemas/workgroups";
import { withRoute } from "@/server/http/with-route";
import { addMember } from "@/server/workgroups/add-member";

export const dynamic = "force-dynamic";

/** Add a user's role profile to the workgroup (Spine REPC_IN130002UK01, via the outbox). */
export const POST = withRoute(({ lr, params, body }) => addMember(lr, params.workgroupId, body), {
  access: { permission: "workgroup.manage" },
  params: workgroupParams,
  body: workgroupMemberChangeInput,
  maxBodyBytes: 4_096,
});
