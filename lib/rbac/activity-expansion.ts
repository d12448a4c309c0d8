/**
 * Effective activities of a role profile (docs/domain.md §9.4):
 *   the role's explicit `activity_codes` ∪ the Baseline Policy of its job role (R code)
 *   ∪ every activity those include (transitively).
 * CIS2 sends only explicitly granted codes, so without this a nurse whose baseline carries an
 * activity would be refused. The tables are data (activity-config.json). Pure.
 */
import { z } from "zod";
import rawActivityConfig from "./activity-config.json";

const activityCode = z.string().regex(/^B\d{4}$/, "activity codes look like B0264");
const jobRoleCode = z.string().regex(/^R\d{4}$/, "job role codes look like R8000");

const activityConfigSchema = z.object({
  baselineByJobRole: z.record(jobRoleCode, z.array(activityCode)),
  includedActivities: z.record(activityCode, z.array(activityCode)),
});

export type ActivityConfig = z.infer<typeof activityConfigSchema>;

/** Validate an activity table (throws naming the bad entry). */
export function parseActivityConfig(raw: unknown): ActivityConfig {
  const { $comment: _comment, ...rest } = (raw ?? {}) as Record<string, unknown>;
  return activityConfigSchema.parse(rest);
}

export const activityConfig: ActivityConfig = parseActivityConfig(rawActivityConfig);

/** The R code a role is keyed on: the last segment of `S8000:G8000:R8001` (EPS does the same). */
export function jobRoleCodeOf(roleCode: string): string | undefined {
  const last = roleCode.split(":").at(-1) ?? "";
  return /^R\d{4}$/.test(last) ? last : undefined;
}

export interface RoleActivities {
  /** `role_code` (`S…:G…:R…`) or the bare R code. */
  roleCode: string;
  activityCodes: readonly string[];
}

/** Sorted, de-duplicated effective activity codes of one role profile. */
export function effectiveActivities(role: RoleActivities, config: ActivityConfig = activityConfig): string[] {
  const jobRole = jobRoleCodeOf(role.roleCode);
  const baseline = jobRole ? (config.baselineByJobRole[jobRole] ?? []) : [];
  const found = new Set<string>();
  const pending = [...role.activityCodes, ...baseline];
  // Walk the include graph; the `found` check also stops cycles in a badly edited table.
  while (pending.length > 0) {
    const code = pending.pop() as string;
    if (found.has(code)) continue;
    found.add(code);
    pending.push(...(config.includedActivities[code] ?? []));
  }
  return [...found].sort();
}
