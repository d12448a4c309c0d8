import { withRoute } from "@/server/http/with-route";
import { myRoleProfiles } from "@/server/role-profiles/my-role-profiles";

export const dynamic = "force-dynamic";

/** My role profiles: Spine's SDS view beside the CIS2 roles from sign-in, and their differences (any signed-in user). */
export const GET = withRoute(({ session, lr }) => myRoleProfiles(session, () => lr), { access: { signedIn: true } });
