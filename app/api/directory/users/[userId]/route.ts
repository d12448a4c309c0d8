import { userParams } from "@/lib/schemas/workgroups";
import { withRoute } from "@/server/http/with-route";
import { lookUpUser } from "@/server/workgroups/look-up-user";

export const dynamic = "force-dynamic";

/** Find a user by id to add to a workgroup: their SDS role profiles (Spine) and name (directory). */
export const GET = withRoute(({ lr, params }) => lookUpUser(lr, params.userId), {
  access: { permission: "workgroup.manage" },
  params: userParams,
});
