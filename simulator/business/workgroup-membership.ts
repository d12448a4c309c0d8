import { PLACEHOLDER_CODES, type WorkgroupMembershipRequest } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";

async function checkParties(context: BusinessContext, request: WorkgroupMembershipRequest): Promise<BusinessOutcome | undefined> {
  const workgroup = await context.db
    .selectFrom("workgroups")
    .select("workgroup_id")
    .where("workgroup_id", "=", request.workgroupId)
    .executeTakeFirst();
  if (!workgroup) return businessError("workgroupNotFound", `workgroup ${request.workgroupId} is not in SDS`);
  const profile = await context.db
    .selectFrom("role_profiles")
    .select("user_id")
    .where("role_profile_id", "=", request.roleProfileId)
    .executeTakeFirst();
  if (profile?.user_id !== request.userId) {
    return businessError("userNotFound", `role profile ${request.roleProfileId} of user ${request.userId} is not in SDS`);
  }
  return undefined;
}

async function isMember(context: BusinessContext, request: WorkgroupMembershipRequest): Promise<boolean> {
  const row = await context.db
    .selectFrom("workgroup_members")
    .select("role_profile_id")
    .where("workgroup_id", "=", request.workgroupId)
    .where("role_profile_id", "=", request.roleProfileId)
    .executeTakeFirst();
  return row !== undefined;
}

/** REPC_IN130002UK01 → REPC_IN130003UK01; alreadyAMember tells whether anything changed. */
export async function addToWorkgroup(context: BusinessContext, request: WorkgroupMembershipRequest): Promise<BusinessOutcome> {
  const problem = await checkParties(context, request);
  if (problem) return problem;
  const alreadyAMember = await isMember(context, request);
  if (!alreadyAMember) {
    await context.db
      .insertInto("workgroup_members")
      .values({ workgroup_id: request.workgroupId, role_profile_id: request.roleProfileId, user_id: request.userId })
      .execute();
  }
  return reply("REPC_IN130003UK01", {
    code: request.code,
    roleProfileId: request.roleProfileId,
    flag: { code: PLACEHOLDER_CODES.alreadyAMember, value: alreadyAMember },
  });
}

/** REPC_IN130004UK01 → REPC_IN130005UK01; wasNotAMember tells whether anything changed. */
export async function removeFromWorkgroup(context: BusinessContext, request: WorkgroupMembershipRequest): Promise<BusinessOutcome> {
  const problem = await checkParties(context, request);
  if (problem) return problem;
  const wasMember = await isMember(context, request);
  if (wasMember) {
    await context.db
      .deleteFrom("workgroup_members")
      .where("workgroup_id", "=", request.workgroupId)
      .where("role_profile_id", "=", request.roleProfileId)
      .execute();
  }
  return reply("REPC_IN130005UK01", {
    code: request.code,
    roleProfileId: request.roleProfileId,
    flag: { code: PLACEHOLDER_CODES.wasNotAMember, value: !wasMember },
  });
}
