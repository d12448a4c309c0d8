/**
 * App permissions from effective activities (docs/domain.md §9.5), driven by permission-map.json:
 * a permission is granted when ANY of its rules is met; a rule is met when ALL its codes are
 * present. Pure; the map is validated at import so a typo in a permission name fails loudly.
 */
import { z } from "zod";
import rawPermissionMap from "./permission-map.json";
import { isPermission, PERMISSIONS, type Permission } from "./permission-names";

const rule = z.array(z.string().regex(/^B\d{4}$/)).min(1, "a rule needs at least one activity code");

export type PermissionMap = Readonly<Record<Permission, readonly (readonly string[])[]>>;

/** Validate a permission map: every known permission present, no unknown ones. */
export function parsePermissionMap(raw: unknown): PermissionMap {
  const parsed = z.object({ permissions: z.record(z.string(), z.array(rule)) }).parse(raw);
  const unknown = Object.keys(parsed.permissions).filter((name) => !isPermission(name));
  if (unknown.length > 0) throw new Error(`permission map names unknown permissions: ${unknown.join(", ")}`);
  const missing = PERMISSIONS.filter((name) => !(name in parsed.permissions));
  if (missing.length > 0) throw new Error(`permission map has no rule list for: ${missing.join(", ")}`);
  return Object.fromEntries(PERMISSIONS.map((name) => [name, parsed.permissions[name] ?? []])) as Record<Permission, string[][]>;
}

export const permissionMap: PermissionMap = parsePermissionMap(rawPermissionMap);

/** Granted permissions, in the order of PERMISSIONS (stable for snapshots and comparisons). */
export function permissionsForActivities(activities: readonly string[], map: PermissionMap = permissionMap): Permission[] {
  const held = new Set(activities);
  return PERMISSIONS.filter((permission) => map[permission].some((codes) => codes.every((code) => held.has(code))));
}
