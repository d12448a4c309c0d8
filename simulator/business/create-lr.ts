import { type CreateLrRequest, formatHl7Timestamp, OIDS, SELF_CLAIMED_LR_TYPE } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";
import { insertLr } from "@/simulator/business/lr-records";
import { checkPatient } from "@/simulator/business/patient-checks";

async function roleProfileHeldBy(context: BusinessContext, roleProfileId: string, userId: string): Promise<boolean> {
  const row = await context.db
    .selectFrom("role_profiles")
    .select("user_id")
    .where("role_profile_id", "=", roleProfileId)
    .executeTakeFirst();
  return row?.user_id === userId;
}

/** REPC_IN010000UK15 → REPC_IN020000UK13: a new active LR, or the existing identical active one. */
export async function createLr(context: BusinessContext, request: CreateLrRequest): Promise<BusinessOutcome> {
  const patientProblem = await checkPatient(context, request.nhsNumber);
  if (patientProblem) return patientProblem;

  const { subject, author } = request;
  if (subject.kind === "other") return businessError("unableToProcess", "OtherPerson subjects are not supported");
  if (subject.kind === "user" && !(await roleProfileHeldBy(context, subject.roleProfileId, subject.userId))) {
    return businessError("userNotFound", `role profile ${subject.roleProfileId} of user ${subject.userId} is not in SDS`);
  }
  // ODS-rooted subjects name an organisation rather than an SDS workgroup, so only SDS ids are looked up.
  const sdsWorkgroup = subject.kind === "workgroup" && (subject.workgroupIdRoot ?? OIDS.sdsOrganisation) === OIDS.sdsOrganisation;
  if (sdsWorkgroup) {
    const found = await context.db
      .selectFrom("workgroups")
      .select("workgroup_id")
      .where("workgroup_id", "=", subject.workgroupId)
      .executeTakeFirst();
    if (!found) return businessError("workgroupNotFound", `workgroup ${subject.workgroupId} is not in SDS`);
  }
  if (author.kind === "user" && !(await roleProfileHeldBy(context, author.roleProfileId, author.userId))) {
    return businessError("userNotFound", `author role profile ${author.roleProfileId} of user ${author.userId} is not in SDS`);
  }

  const identical = await context.db
    .selectFrom("legitimate_relationships")
    .select("lr_id")
    .where("nhs_number", "=", request.nhsNumber)
    .where("lr_type_code", "=", request.lrType)
    .where("status", "=", "active")
    .where("subject_kind", "=", subject.kind)
    .where((eb) =>
      subject.kind === "user"
        ? eb("subject_role_profile_id", "=", subject.roleProfileId)
        : eb("subject_workgroup_id", "=", subject.workgroupId),
    )
    .executeTakeFirst();
  if (identical) {
    return context.config.businessRules.identicalActiveLrReturnsExisting
      ? reply("REPC_IN020000UK13", { lrId: identical.lr_id })
      : businessError("lrAlreadyExists", `LR ${identical.lr_id} already exists`);
  }

  const lr = await insertLr(context.db, {
    nhs_number: request.nhsNumber,
    subject_kind: subject.kind,
    subject_role_profile_id: subject.kind === "user" ? subject.roleProfileId : null,
    subject_user_id: subject.kind === "user" ? subject.userId : null,
    subject_workgroup_id: subject.kind === "workgroup" ? subject.workgroupId : null,
    lr_type_code: request.lrType,
    author_kind: author.kind,
    author_role_profile_id: author.kind === "user" ? author.roleProfileId : null,
    author_user_id: author.kind === "user" ? author.userId : null,
    author_asid: author.kind === "system" ? author.asid : null,
    access_reason_code: request.accessReason?.code ?? null,
    access_reason_text: request.accessReason?.text ?? null,
    // A self-claimed LR always raises a privacy-officer alert, whatever the request says.
    alert_requested: request.alertRequested === true || request.lrType === SELF_CLAIMED_LR_TYPE,
    start_time: request.effectiveTime ?? formatHl7Timestamp(context.config.now()),
  });
  return reply("REPC_IN020000UK13", { lrId: lr.lr_id });
}
