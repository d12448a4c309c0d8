/**
 * Synthetic CIS2 personas: the single source of test users, role profiles, organisations and
 * workgroups for the CIS2 stand-in (cis2/) and the Spine simulator (simulator/).
 * Pure: the only input is the JSON import, validated once with zod so a bad edit fails loudly
 * at import time instead of producing odd tokens later. Shape: lib/personas/README.md.
 */
import { z } from "zod";
import rawFixture from "./personas.json";

/** CIS ids in this project are 12 digits and start 9000 (synthetic range). */
const syntheticId = z.string().regex(/^9000\d{8}$/, "12-digit id starting 9000");
const assuranceLevel = z.enum(["1", "2", "3"]);
const activityCode = z.string().regex(/^B\d{4}$/);

const roleProfileSchema = z.object({
  person_roleid: syntheticId,
  person_orgid: syntheticId,
  org_code: z.string().regex(/^ZZ[A-Z0-9]*$/, "fake ODS codes start ZZ"),
  role_code: z.string().regex(/^S\d{4}:G\d{4}:R\d{4}$/),
  job_role_code: z.string().regex(/^R\d{4}$/),
  job_role_name: z.string().min(1),
  role_name: z.string().min(1),
  activity_codes: z.array(activityCode),
  workgroups_codes: z.array(syntheticId),
  /** false: CIS2 gives this role, but Spine's SDS does not hold it (the simulator leaves it out), so the two disagree. Default true. */
  in_sds: z.boolean().optional(),
});

const personaSchema = z.object({
  uid: syntheticId,
  label: z.string().min(1),
  title: z.string(),
  given_name: z.string().min(1),
  family_name: z.string().min(1),
  email: z.string().endsWith("@example.invalid"),
  id_assurance_level: assuranceLevel,
  authentication_assurance_level: assuranceLevel,
  default_acr: z.string().min(1),
  amr: z.array(z.string()).min(1),
  roles: z.array(roleProfileSchema),
});

const fixtureSchema = z.object({
  version: z.literal(1),
  organisations: z.array(z.object({ org_code: z.string(), org_name: z.string().min(1) })),
  workgroups: z.array(z.object({ workgroup_id: syntheticId, name: z.string().min(1), org_code: z.string() })),
  activities: z.record(activityCode, z.string().min(1)),
  personas: z.array(personaSchema),
});

export type RoleProfile = z.infer<typeof roleProfileSchema>;
export type Persona = z.infer<typeof personaSchema>;
export type PersonaFixture = z.infer<typeof fixtureSchema>;
export type Organisation = PersonaFixture["organisations"][number];
export type Workgroup = PersonaFixture["workgroups"][number];

/** One element of CIS2 userinfo `nhsid_nrbac_roles[]` (parallel name/code arrays, as CIS2 sends). */
export interface NrbacRole {
  person_roleid: string;
  person_orgid: string;
  org_code: string;
  role_code: string;
  role_name: string;
  activities: string[];
  activity_codes: string[];
  workgroups?: string[];
  workgroups_codes?: string[];
}

/** Validate a fixture (throws a zod error naming the bad field). Also used by tests. */
export function parsePersonaFixture(raw: unknown): PersonaFixture {
  const fixture = fixtureSchema.parse(raw);
  const roleIds = fixture.personas.flatMap((persona) => persona.roles.map((role) => role.person_roleid));
  const duplicate = roleIds.find((id, index) => roleIds.indexOf(id) !== index);
  if (duplicate) throw new Error(`duplicate person_roleid ${duplicate}`);
  return fixture;
}

export const personaFixture: PersonaFixture = parsePersonaFixture(rawFixture);
export const personas: readonly Persona[] = personaFixture.personas;
export const organisations: readonly Organisation[] = personaFixture.organisations;
export const workgroups: readonly Workgroup[] = personaFixture.workgroups;

export function findPersona(uid: string): Persona | undefined {
  return personas.find((persona) => persona.uid === uid);
}

/** The role profile with this `person_roleid`, with the persona who holds it. */
export function findRoleProfile(personRoleId: string): { persona: Persona; role: RoleProfile } | undefined {
  for (const persona of personas) {
    const role = persona.roles.find((candidate) => candidate.person_roleid === personRoleId);
    if (role) return { persona, role };
  }
  return undefined;
}

export function organisationName(orgCode: string): string | undefined {
  return organisations.find((org) => org.org_code === orgCode)?.org_name;
}

export function findWorkgroup(workgroupId: string): Workgroup | undefined {
  return workgroups.find((workgroup) => workgroup.workgroup_id === workgroupId);
}

export function activityName(code: string): string | undefined {
  return personaFixture.activities[code];
}

/** Role profiles (with their persona) that belong to a workgroup: the workgroup's members. */
export function workgroupMembers(workgroupId: string): { persona: Persona; role: RoleProfile }[] {
  return personas.flatMap((persona) =>
    persona.roles.filter((role) => role.workgroups_codes.includes(workgroupId)).map((role) => ({ persona, role })),
  );
}

/** CIS2 formats `name` as "FAMILY Given Title" (e.g. "SYNTHGP Alex Dr"). */
export function cis2DisplayName(persona: Persona): string {
  return [persona.family_name, persona.given_name, persona.title].filter((part) => part !== "").join(" ");
}

/** "Given Family" for people-facing pages. */
export function friendlyName(persona: Persona): string {
  return `${persona.given_name} ${persona.family_name}`;
}

/** The CIS2 userinfo shape of a role profile: names resolved, workgroups omitted when empty. */
export function toNrbacRole(role: RoleProfile): NrbacRole {
  const nrbacRole: NrbacRole = {
    person_roleid: role.person_roleid,
    person_orgid: role.person_orgid,
    org_code: role.org_code,
    role_code: role.role_code,
    role_name: role.role_name,
    activities: role.activity_codes.map((code) => activityName(code) ?? code),
    activity_codes: [...role.activity_codes],
  };
  if (role.workgroups_codes.length > 0) {
    nrbacRole.workgroups = role.workgroups_codes.map((id) => findWorkgroup(id)?.name ?? id);
    nrbacRole.workgroups_codes = [...role.workgroups_codes];
  }
  return nrbacRole;
}

/** CIS2 userinfo `nhsid_user_orgs[]`: each organisation the persona holds a role in, once. */
export function userOrganisations(persona: Persona): { org_code: string; org_name: string }[] {
  const codes = [...new Set(persona.roles.map((role) => role.org_code))];
  return codes.map((orgCode) => ({ org_code: orgCode, org_name: organisationName(orgCode) ?? orgCode }));
}
