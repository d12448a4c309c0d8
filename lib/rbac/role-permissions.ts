/**
 * The whole RBAC decision for a selected role profile: effective activities, then permissions.
 * Computed once at sign-in (and again on Change role) and stored with the session record.
 */
import { type ActivityConfig, activityConfig, effectiveActivities, type RoleActivities } from "./activity-expansion";
import { type PermissionMap, permissionMap, permissionsForActivities } from "./permission-map";
import type { Permission } from "./permission-names";

export interface RoleDecision {
  effectiveActivities: string[];
  permissions: Permission[];
}

export function decideRolePermissions(
  role: RoleActivities,
  tables: { activities?: ActivityConfig; permissions?: PermissionMap } = {},
): RoleDecision {
  const activities = effectiveActivities(role, tables.activities ?? activityConfig);
  return { effectiveActivities: activities, permissions: permissionsForActivities(activities, tables.permissions ?? permissionMap) };
}

/**
 * A role "can use this service" when it holds at least one app permission; otherwise the user
 * sees the "your role cannot use this service" page with Change role.
 */
export function canUseService(permissions: readonly Permission[]): boolean {
  return permissions.length > 0;
}
