import "server-only";
import type { Permission } from "@/lib/rbac/permission-names";
import type { ActiveSession } from "./session-record";

/**
 * The signed-in user as every route handler and page sees them: who (CIS2 uid), in which role
 * profile and organisation, with which permissions — all from the server-side session record,
 * read once per request, never from the browser.
 */
export interface SignedInUser {
  sessionId: string;
  /** CIS2 user id (nhsid_useruid). */
  sub: string;
  /** CIS2 session id, when the ID token named one (back-channel logout uses it). */
  sid: string | null;
  roleProfileId: string;
  orgCode: string;
  orgName?: string;
  roleName?: string;
  userName?: string;
  /** The selected role's full CIS2 role_code (e.g. "S8000:G8000:R8000"); undefined when CIS2 gave none. */
  jobRoleCode: string | undefined;
  permissions: readonly Permission[];
}

export function signedInUserFrom(session: ActiveSession): SignedInUser {
  const role = session.role;
  return {
    sessionId: session.sessionId,
    sub: session.sub,
    sid: session.sid,
    roleProfileId: session.roleProfileId,
    orgCode: role?.orgCode ?? "",
    ...(role?.orgName ? { orgName: role.orgName } : {}),
    ...(role?.roleName ? { roleName: role.roleName } : {}),
    ...(role?.userName ? { userName: role.userName } : {}),
    // Spine's partSDSRole/id takes the whole role_code, as CIS2 gives it (docs/domain.md §2.4).
    jobRoleCode: role?.roleCode?.trim() || undefined,
    permissions: session.permissions,
  };
}

export function can(user: Pick<SignedInUser, "permissions">, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
