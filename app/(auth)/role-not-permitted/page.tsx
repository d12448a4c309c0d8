import { isPermission } from "@/lib/rbac/permission-names";
import { requirePageSession } from "@/server/auth/page-session";
import { authCopy } from "../auth-copy";

export const metadata = { title: authCopy.roleNotPermitted.title };

/**
 * "Your role cannot use this service" (no permission at all) or "cannot do this" (lacks the one a
 * page needs), with Change role (re-authenticate at CIS2 with changedrole) and Log out.
 */
export default async function RoleNotPermittedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requirePageSession("/role-not-permitted");
  const { needed } = await searchParams;
  const forOnePage = typeof needed === "string" && isPermission(needed) && session.permissions.length > 0;
  const copy = authCopy.roleNotPermitted;
  const role = session.role;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{forOnePage ? copy.neededTitle : copy.title}</h1>
        <p>{forOnePage ? copy.neededBody : copy.body}</p>
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            {copy.current} <strong data-testid="current-role">{role?.roleName ?? role?.roleCode ?? session.roleProfileId}</strong>
            {role?.orgName ? ` at ${role.orgName}` : ""}.
          </p>
        </div>
        <p>{copy.advice}</p>
        <div className="nhsuk-button-group">
          <a className="nhsuk-button" href="/api/auth/change-role">
            {copy.changeRole}
          </a>
          <form action="/api/auth/logout" method="post">
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              {copy.logOut}
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
