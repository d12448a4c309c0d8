import { withRoute } from "@/server/http/with-route";
import { listOrganisationWorkgroups } from "@/server/workgroups/organisation-workgroups";

export const dynamic = "force-dynamic";

/** The workgroups of the signed-in role's organisation (SDS directory). */
export const GET = withRoute(({ lr }) => listOrganisationWorkgroups(lr), { access: { permission: "workgroup.manage" } });
