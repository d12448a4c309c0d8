import type { WorkgroupChange } from "@/lib/schemas/workgroups";

/**
 * Where a finished add or remove returns to: the workgroup page, told what Spine confirmed so it
 * can show the notification banner (success when something changed, information when Spine said
 * nothing needed to).
 */
export function workgroupReturnHref(
  workgroupId: string,
  change: WorkgroupChange,
  member: { userId: string; roleProfileId: string },
): string {
  const query = new URLSearchParams({ change, userId: member.userId, roleProfileId: member.roleProfileId });
  return `/workgroups/${encodeURIComponent(workgroupId)}?${query}`;
}

export const WORKGROUP_CHANGES: readonly WorkgroupChange[] = ["added", "alreadyMember", "removed", "notMember"];

export function isWorkgroupChange(value: unknown): value is WorkgroupChange {
  return typeof value === "string" && (WORKGROUP_CHANGES as readonly string[]).includes(value);
}
