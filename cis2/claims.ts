/**
 * CIS2 scopes and the claims each releases (docs/domain.md §9.1), and a persona's claim set.
 * oidc-provider filters what `personaClaims` returns by this map: with conformIdTokenClaims the
 * ID token gets only the `openid` claims; userinfo gets the claims of every granted scope.
 */
import { cis2DisplayName, type Persona, toNrbacRole, userOrganisations } from "@/lib/personas";

export const ROLE_SELECTION_SCOPES: readonly string[] = ["selectedrole", "changedrole"];

/** scope -> claims it releases. `selectedrole`/`changedrole` release nothing themselves. */
export const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  openid: ["sub", "acr", "amr", "auth_time", "id_assurance_level", "authentication_assurance_level", "idassurancelevel", "selected_roleid"],
  profile: ["name", "given_name", "family_name", "uid"],
  email: ["email"],
  nhsperson: ["nhsid_useruid", "title", "idassurancelevel", "initials", "middle_names", "display_name"],
  associatedorgs: ["nhsid_user_orgs"],
  nationalrbacaccess: ["nhsid_nrbac_roles"],
  selectedrole: [],
  changedrole: [],
};

export const SUPPORTED_SCOPES: readonly string[] = Object.keys(SCOPE_CLAIMS);

export function scopeRequestsRoleSelection(scope: string | undefined): boolean {
  const scopes = (scope ?? "").split(" ");
  return ROLE_SELECTION_SCOPES.some((roleScope) => scopes.includes(roleScope));
}

/**
 * Every claim the persona can release. `selected_roleid` is present only when the token's scope
 * asked for role selection and a role was chosen (as CIS2: no selectedrole, no selected_roleid).
 */
export function personaClaims(persona: Persona, scope: string | undefined, selectedRoleId: string | undefined): Record<string, unknown> {
  const initials = persona.given_name.slice(0, 1).toUpperCase();
  const claims: Record<string, unknown> = {
    sub: persona.uid,
    uid: persona.uid,
    nhsid_useruid: persona.uid,
    name: cis2DisplayName(persona),
    display_name: `${persona.given_name} ${persona.family_name}`,
    given_name: persona.given_name,
    family_name: persona.family_name,
    title: persona.title,
    initials,
    email: persona.email,
    id_assurance_level: persona.id_assurance_level,
    idassurancelevel: persona.id_assurance_level,
    authentication_assurance_level: persona.authentication_assurance_level,
    nhsid_user_orgs: userOrganisations(persona),
    nhsid_nrbac_roles: persona.roles.map(toNrbacRole),
  };
  if (selectedRoleId !== undefined && scopeRequestsRoleSelection(scope)) {
    claims.selected_roleid = selectedRoleId;
  }
  return claims;
}
