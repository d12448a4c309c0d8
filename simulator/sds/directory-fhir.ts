import type { Kysely } from "kysely";
import {
  DIRECTORY_FHIR_PATH,
  ODS_ORGANISATION_CODE_SYSTEM,
  SDS_ROLE_PROFILE_ID_SYSTEM,
  SDS_USER_ID_SYSTEM,
  SDS_WORKGROUP_ID_SYSTEM,
} from "@/lib/config/directory-config";
import type { SimulatorDatabase, WorkgroupTable } from "@/simulator/store/schema";

/**
 * The SDS directory as FHIR R4 (read-only), answered from the simulator's SDS registry: what Spine's
 * SDS messages cannot carry — people's names and workgroups' members — plus an organisation's
 * workgroups. The BFF's directory service (server/directory/) reads it; a live deployment points
 * DIRECTORY_BASE_URL at its own SDS directory gateway with the same searches.
 *   GET /directory/FHIR/R4/Practitioner?identifier=<sds-user-id system>|<uid>[,<system>|<uid>…]
 *   GET /directory/FHIR/R4/Group?managing-entity:identifier=<ods system>|<ods code>
 *   GET /directory/FHIR/R4/Group/<workgroup id>
 */
export const DIRECTORY_ROUTE = new RegExp(`^${DIRECTORY_FHIR_PATH.replaceAll("/", "\\/")}\\/(Practitioner|Group)(?:\\/([^/?]+))?$`);

/** At most this many ids per Practitioner search (the BFF batches below it). */
export const MAX_IDENTIFIERS_PER_SEARCH = 100;

export interface DirectoryResult {
  status: number;
  resource: Record<string, unknown>;
}

function outcome(status: number, code: string, diagnostics: string): DirectoryResult {
  return { status, resource: { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] } };
}

function bundle(resources: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: resources.length,
    entry: resources.map((resource) => ({ resource, search: { mode: "match" } })),
  };
}

/** `system|value,system|value` → the values of the wanted system (others are ignored, as FHIR servers do). */
function tokenValues(raw: string | null, system: string): string[] {
  return (raw ?? "")
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token.startsWith(`${system}|`))
    .map((token) => token.slice(system.length + 1))
    .filter((value) => value.length > 0);
}

function workgroupResource(workgroup: WorkgroupTable, memberCount: number): Record<string, unknown> {
  return {
    resourceType: "Group",
    id: workgroup.workgroup_id,
    identifier: [{ system: SDS_WORKGROUP_ID_SYSTEM, value: workgroup.workgroup_id }],
    active: workgroup.status_code === "01",
    type: "practitioner",
    actual: true,
    name: workgroup.name,
    managingEntity: { identifier: { system: ODS_ORGANISATION_CODE_SYSTEM, value: workgroup.org_code }, display: workgroup.org_name },
    quantity: memberCount,
  };
}

async function practitioners(db: Kysely<SimulatorDatabase>, url: URL): Promise<DirectoryResult> {
  const ids = tokenValues(url.searchParams.get("identifier"), SDS_USER_ID_SYSTEM);
  if (ids.length === 0) return outcome(400, "required", `identifier=${SDS_USER_ID_SYSTEM}|<user id> is required`);
  if (ids.length > MAX_IDENTIFIERS_PER_SEARCH) return outcome(400, "too-costly", `at most ${MAX_IDENTIFIERS_PER_SEARCH} identifiers`);
  const users = await db.selectFrom("users").selectAll().where("user_id", "in", ids).orderBy("user_id").execute();
  return {
    status: 200,
    resource: bundle(
      users.map((user) => ({
        resourceType: "Practitioner",
        id: user.user_id,
        identifier: [{ system: SDS_USER_ID_SYSTEM, value: user.user_id }],
        name: [{ use: "usual", text: user.display_name }],
      })),
    ),
  };
}

async function organisationWorkgroups(db: Kysely<SimulatorDatabase>, url: URL): Promise<DirectoryResult> {
  const [orgCode] = tokenValues(url.searchParams.get("managing-entity:identifier"), ODS_ORGANISATION_CODE_SYSTEM);
  if (!orgCode) return outcome(400, "required", `managing-entity:identifier=${ODS_ORGANISATION_CODE_SYSTEM}|<ODS code> is required`);
  const rows = await db.selectFrom("workgroups").selectAll().where("org_code", "=", orgCode).orderBy("name").execute();
  const counts = rows.length
    ? await db
        .selectFrom("workgroup_members")
        .select(["workgroup_id", db.fn.countAll<number>().as("members")])
        .where(
          "workgroup_id",
          "in",
          rows.map((row) => row.workgroup_id),
        )
        .groupBy("workgroup_id")
        .execute()
    : [];
  const countOf = (id: string) => Number(counts.find((count) => count.workgroup_id === id)?.members ?? 0);
  return { status: 200, resource: bundle(rows.map((row) => workgroupResource(row, countOf(row.workgroup_id)))) };
}

/** One workgroup with its members: each member is a contained PractitionerRole (role profile → user, organisation, job role). */
async function workgroupWithMembers(db: Kysely<SimulatorDatabase>, workgroupId: string): Promise<DirectoryResult> {
  const workgroup = await db.selectFrom("workgroups").selectAll().where("workgroup_id", "=", workgroupId).executeTakeFirst();
  if (!workgroup) return outcome(404, "not-found", `workgroup ${workgroupId} is not in SDS`);
  const members = await db
    .selectFrom("workgroup_members")
    .innerJoin("role_profiles", "role_profiles.role_profile_id", "workgroup_members.role_profile_id")
    .innerJoin("users", "users.user_id", "workgroup_members.user_id")
    .select([
      "workgroup_members.role_profile_id",
      "workgroup_members.user_id",
      "users.display_name",
      "role_profiles.org_code",
      "role_profiles.org_name",
      "role_profiles.job_role_code",
    ])
    .where("workgroup_members.workgroup_id", "=", workgroupId)
    .orderBy("users.display_name")
    .orderBy("workgroup_members.role_profile_id")
    .execute();
  return {
    status: 200,
    resource: {
      ...workgroupResource(workgroup, members.length),
      contained: members.map((member) => ({
        resourceType: "PractitionerRole",
        id: `urp-${member.role_profile_id}`,
        identifier: [{ system: SDS_ROLE_PROFILE_ID_SYSTEM, value: member.role_profile_id }],
        practitioner: { identifier: { system: SDS_USER_ID_SYSTEM, value: member.user_id }, display: member.display_name },
        organization: { identifier: { system: ODS_ORGANISATION_CODE_SYSTEM, value: member.org_code }, display: member.org_name },
        code: [{ coding: [{ system: "urn:oid:1.2.826.0.1285.0.2.1.104", code: member.job_role_code }] }],
      })),
      member: members.map((member) => ({ entity: { reference: `#urp-${member.role_profile_id}` } })),
    },
  };
}

export async function readDirectory(db: Kysely<SimulatorDatabase>, url: URL): Promise<DirectoryResult> {
  const [, resourceType, id] = DIRECTORY_ROUTE.exec(url.pathname) ?? [];
  if (resourceType === "Practitioner" && !id) return practitioners(db, url);
  if (resourceType === "Group" && id) return workgroupWithMembers(db, decodeURIComponent(id));
  if (resourceType === "Group") return organisationWorkgroups(db, url);
  return outcome(404, "not-found", "no such directory resource");
}
