import type { Kysely } from "kysely";
import type { SimulatorDatabase } from "@/simulator/store/schema";

/** Whose LRs count for a confirm query: a role profile and the workgroups it acts through. */
export interface Enquirer {
  roleProfileId: string;
  /** Workgroups named in the query's parameter list. */
  workgroupIds: readonly string[];
}

/** The workgroups that count: those named in the query plus the role profile's SDS memberships. */
export async function effectiveWorkgroups(db: Kysely<SimulatorDatabase>, enquirer: Enquirer): Promise<string[]> {
  const memberships = await db
    .selectFrom("workgroup_members")
    .select("workgroup_id")
    .where("role_profile_id", "=", enquirer.roleProfileId)
    .execute();
  return [...new Set([...enquirer.workgroupIds, ...memberships.map((row) => row.workgroup_id)])];
}

/** The patient's LRs held by the enquirer directly or through one of its workgroups, newest first. */
export async function enquirerLrs(db: Kysely<SimulatorDatabase>, enquirer: Enquirer, nhsNumbers: readonly string[]) {
  if (nhsNumbers.length === 0) return [];
  const workgroupIds = await effectiveWorkgroups(db, enquirer);
  return db
    .selectFrom("legitimate_relationships")
    .selectAll()
    .where("nhs_number", "in", nhsNumbers)
    .where((eb) => {
      const direct = eb.and([eb("subject_kind", "=", "user"), eb("subject_role_profile_id", "=", enquirer.roleProfileId)]);
      if (workgroupIds.length === 0) return direct;
      return eb.or([direct, eb.and([eb("subject_kind", "=", "workgroup"), eb("subject_workgroup_id", "in", workgroupIds)])]);
    })
    .orderBy("created_seq", "desc")
    .execute();
}
