/**
 * What happens after a persona is chosen on the sign-in page. Pure, so each branch is tested
 * without a browser. Order matters and mirrors CIS2: authenticate first (assurance), then role
 * selection (only when the RP asked for it with selectedrole/changedrole).
 */
import type { Persona } from "@/lib/personas";
import { type AssuranceLevel, decideAcr, parseAssuranceLevel } from "./assurance";

export type LoginDecision =
  | { kind: "refuse-assurance"; requiredLevel: AssuranceLevel; userLevel: AssuranceLevel }
  | { kind: "no-roles" }
  | { kind: "pick-role"; acr: string }
  | { kind: "finish"; acr: string; selectedRoleId: string | undefined };

export function decideAfterLogin(
  persona: Persona,
  request: { acrValues: string | undefined; roleSelectionRequested: boolean },
): LoginDecision {
  const userLevel = parseAssuranceLevel(persona.authentication_assurance_level);
  const acr = decideAcr(userLevel, request.acrValues, persona.default_acr);
  if (!acr.ok) return { kind: "refuse-assurance", requiredLevel: acr.requiredLevel, userLevel };
  if (!request.roleSelectionRequested) return { kind: "finish", acr: acr.acr, selectedRoleId: undefined };
  const [onlyRole, ...otherRoles] = persona.roles;
  if (!onlyRole) return { kind: "no-roles" };
  // A single role is selected automatically, as CIS2 does.
  if (otherRoles.length === 0) return { kind: "finish", acr: acr.acr, selectedRoleId: onlyRole.person_roleid };
  return { kind: "pick-role", acr: acr.acr };
}

/** CIS2 shows a plain list for up to five roles and adds a search box above that. */
export const ROLE_SEARCH_THRESHOLD = 5;

/** Case-insensitive match on organisation name/code, role name/code and role profile id. */
export function filterRoles<T extends { person_roleid: string; org_code: string; job_role_code: string; job_role_name: string }>(
  roles: readonly T[],
  query: string,
  orgName: (orgCode: string) => string | undefined,
): T[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [...roles];
  return roles.filter((role) =>
    [role.person_roleid, role.org_code, orgName(role.org_code) ?? "", role.job_role_code, role.job_role_name].some((field) =>
      field.toLowerCase().includes(needle),
    ),
  );
}
