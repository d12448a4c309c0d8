import type { RoleProfile, UserRoleProfileQuery } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";

/** QUPC_IN010102UK01 → QUPC_IN010103UK01: the user's role profiles (optionally one org / one profile) with workgroups. */
export async function userRoleProfileQuery(context: BusinessContext, query: UserRoleProfileQuery): Promise<BusinessOutcome> {
  const user = await context.db.selectFrom("users").select("user_id").where("user_id", "=", query.userId).executeTakeFirst();
  if (!user) return businessError("userNotFound", `user ${query.userId} is not in SDS`);
  let profilesQuery = context.db.selectFrom("role_profiles").selectAll().where("user_id", "=", query.userId);
  if (query.organizationCode) profilesQuery = profilesQuery.where("org_code", "=", query.organizationCode);
  if (query.roleProfileId) profilesQuery = profilesQuery.where("role_profile_id", "=", query.roleProfileId);
  const profiles = await profilesQuery.orderBy("role_profile_id").execute();
  const memberships = profiles.length
    ? await context.db
        .selectFrom("workgroup_members")
        .innerJoin("workgroups", "workgroups.workgroup_id", "workgroup_members.workgroup_id")
        .select(["workgroup_members.role_profile_id", "workgroups.workgroup_id", "workgroups.name"])
        .where(
          "workgroup_members.role_profile_id",
          "in",
          profiles.map((profile) => profile.role_profile_id),
        )
        .orderBy("workgroups.workgroup_id")
        .execute()
    : [];
  const roleProfiles = profiles.map(
    (profile): RoleProfile => ({
      roleProfileId: profile.role_profile_id,
      organizationId: profile.org_code,
      organizationName: profile.org_name,
      jobRoleCode: profile.job_role_code,
      workgroups: memberships
        .filter((membership) => membership.role_profile_id === profile.role_profile_id)
        .map((membership) => ({ workgroupId: membership.workgroup_id, name: membership.name })),
    }),
  );
  return reply("QUPC_IN010103UK01", { userId: query.userId, roleProfiles });
}
