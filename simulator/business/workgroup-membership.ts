import type { WorkgroupMembershipRequest } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";

/** Code written on the alreadyAMember / wasNotAMember observation; vocabulary NOT FOUND, placeholder. */
const MEMBERSHIP_FLAG_CODE = { code: "01", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.999" };

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
    flag: { code: MEMBERSHIP_FLAG_CODE, value: alreadyAMember },
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
    flag: { code: MEMBERSHIP_FLAG_CODE, value: !wasMember },
  });
}
