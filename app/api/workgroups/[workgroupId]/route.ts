import { workgroupParams } from "@/lib/schemas/workgroups";
import { withRoute } from "@/server/http/with-route";
import { getWorkgroup } from "@/server/workgroups/get-workgroup";

export const dynamic = "force-dynamic";

/** One workgroup (Spine's workgroup query) with its members (SDS directory). */
export const GET = withRoute(({ lr, params }) => getWorkgroup(lr, params.workgroupId), {
  access: { permission: "workgroup.manage" },
  params: workgroupParams,
});
