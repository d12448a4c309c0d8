import { type Insertable, type Kysely, sql } from "kysely";
import { nextLrStatus } from "@/lib/hl7";
import { organisationName, personas, workgroups } from "@/lib/personas";
import { lrIdForSequence } from "@/simulator/seed/lr-id";
import { seedPatients } from "@/simulator/seed/patients";
import { scenarios } from "@/simulator/seed/scenarios";
import type { SeedLr } from "@/simulator/seed/seed-lr";
import {
  type LegitimateRelationshipTable,
  type LrStatusChangeTable,
  resettableTables,
  type SimulatorDatabase,
} from "@/simulator/store/schema";

export class UnknownScenarioError extends Error {
  constructor(readonly scenario: string) {
    super(`unknown scenario "${scenario}"`);
  }
}

/** Empties every table and restarts serial ids, so a re-seed reproduces the same rows. */
export async function clearWorld(db: Kysely<SimulatorDatabase>): Promise<void> {
  const tables = resettableTables.map((table) => sql.id(table));
  await sql`truncate table ${sql.join(tables)} restart identity`.execute(db);
}

function sdsRoles(persona: (typeof personas)[number]) {
  return persona.roles.filter((role) => role.in_sds !== false);
}

async function seedPeople(db: Kysely<SimulatorDatabase>): Promise<void> {
  await db.insertInto("patients").values(seedPatients()).execute();
  await db
    .insertInto("users")
    .values(personas.map((persona) => ({ user_id: persona.uid, display_name: `${persona.given_name} ${persona.family_name}` })))
    .execute();
  // A role CIS2 gives but SDS does not hold (in_sds: false) is left out of SDS, memberships included.
  const roleProfiles = personas.flatMap((persona) =>
    sdsRoles(persona).map((role) => ({
      role_profile_id: role.person_roleid,
      user_id: persona.uid,
      org_code: role.org_code,
      org_name: organisationName(role.org_code) ?? role.org_code,
      job_role_code: role.role_code,
    })),
  );
  if (roleProfiles.length > 0) await db.insertInto("role_profiles").values(roleProfiles).execute();
  await db
    .insertInto("workgroups")
    .values(
      workgroups.map((workgroup) => ({
        workgroup_id: workgroup.workgroup_id,
        name: workgroup.name,
        org_code: workgroup.org_code,
        org_name: organisationName(workgroup.org_code) ?? workgroup.org_code,
        type_code: "01",
        status_code: "01",
      })),
    )
    .execute();
  const members = personas.flatMap((persona) =>
    sdsRoles(persona).flatMap((role) =>
      role.workgroups_codes.map((workgroupId) => ({
        workgroup_id: workgroupId,
        role_profile_id: role.person_roleid,
        user_id: persona.uid,
      })),
    ),
  );
  if (members.length > 0) await db.insertInto("workgroup_members").values(members).execute();
}

function roleProfileOwner(roleProfileId: string): string {
  for (const persona of personas) {
    if (persona.roles.some((role) => role.person_roleid === roleProfileId)) return persona.uid;
  }
  throw new Error(`seed refers to role profile ${roleProfileId}, which no persona holds (lib/personas/personas.json)`);
}

type SeededLr = { lr: LegitimateRelationshipTable; changes: Insertable<LrStatusChangeTable>[] };

/** Works an LR out in memory (id from its sequence number, status by replaying its history through the map). */
function buildSeedLr(seed: SeedLr, sequence: number): SeededLr {
  if (seed.subject.kind === "workgroup") {
    const workgroupId = seed.subject.workgroupId;
    if (!workgroups.some((workgroup) => workgroup.workgroup_id === workgroupId)) {
      throw new Error(`seed refers to workgroup ${workgroupId}, which the personas do not define`);
    }
  }
  const lr: LegitimateRelationshipTable = {
    lr_id: lrIdForSequence(sequence),
    created_seq: sequence,
    nhs_number: seed.nhsNumber,
    subject_kind: seed.subject.kind,
    subject_role_profile_id: seed.subject.kind === "user" ? seed.subject.roleProfileId : null,
    subject_user_id: seed.subject.kind === "user" ? roleProfileOwner(seed.subject.roleProfileId) : null,
    subject_workgroup_id: seed.subject.kind === "workgroup" ? seed.subject.workgroupId : null,
    lr_type_code: seed.lrType,
    author_kind: seed.author.kind,
    author_role_profile_id: seed.author.kind === "user" ? seed.author.roleProfileId : null,
    author_user_id: seed.author.kind === "user" ? roleProfileOwner(seed.author.roleProfileId) : null,
    author_asid: seed.author.kind === "system" ? seed.author.asid : null,
    access_reason_code: seed.accessReason?.code ?? null,
    access_reason_text: seed.accessReason?.text ?? null,
    alert_requested: seed.alertRequested ?? false,
    start_time: seed.start,
    end_time: null,
    status: "active",
  };
  const changes: Insertable<LrStatusChangeTable>[] = [];
  for (const change of seed.history ?? []) {
    const next = nextLrStatus(lr.status, change.reasonCode);
    if (next === undefined) throw new Error(`seed LR for ${seed.nhsNumber}: reason ${change.reasonCode} not allowed from ${lr.status}`);
    // Changes without a named author are Spine's own housekeeping (time-outs, deaths).
    const by = change.byRoleProfileId;
    changes.push({
      lr_id: lr.lr_id,
      sc_reason_code: change.reasonCode,
      from_status: lr.status,
      to_status: next,
      author_role_profile_id: by ?? null,
      author_user_id: by ? roleProfileOwner(by) : null,
      author_asid: null,
      changed_at: change.at,
    });
    lr.status = next;
    lr.end_time = next === "closed" ? change.at : null;
  }
  return { lr, changes };
}

/** Replaces the whole world with the named scenario. Deterministic: same scenario, same rows and ids. */
export async function seedScenario(db: Kysely<SimulatorDatabase>, scenarioName: string): Promise<void> {
  const scenario = scenarios[scenarioName];
  if (!scenario) throw new UnknownScenarioError(scenarioName);
  await db.transaction().execute(async (trx) => {
    await clearWorld(trx);
    await seedPeople(trx);
    // Built in memory and inserted in bulk: a reset between tests must stay cheap.
    const seeded = scenario.lrs().map((seed, index) => buildSeedLr(seed, index + 1));
    if (seeded.length > 0) {
      await trx
        .insertInto("legitimate_relationships")
        .values(seeded.map((entry) => entry.lr))
        .execute();
      const changes = seeded.flatMap((entry) => entry.changes);
      if (changes.length > 0) await trx.insertInto("lr_status_changes").values(changes).execute();
      await trx.insertInto("counters").values({ counter_name: "lr", counter_value: seeded.length }).execute();
    }
    await trx.insertInto("world_meta").values({ meta_key: "scenario", meta_value: scenarioName }).execute();
  });
}

/** The scenario a stored world was seeded from, or undefined when the store holds no world yet. */
export async function storedScenario(db: Kysely<SimulatorDatabase>): Promise<string | undefined> {
  const row = await db.selectFrom("world_meta").select("meta_value").where("meta_key", "=", "scenario").executeTakeFirst();
  return row?.meta_value;
}
