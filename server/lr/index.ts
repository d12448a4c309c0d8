import "server-only";

/** The LR service API the route handlers call: one file per operation. */
export { addWorkgroupMember } from "./add-workgroup-member";
export { BATCH_CONFIRM_LIMIT, type BatchConfirmInput, batchConfirm } from "./batch-confirm";
export { type ChangeLrStatusInput, changeLrStatus } from "./change-lr-status";
export { type ConfirmLrInput, type ConfirmLrResult, confirmLr } from "./confirm-lr";
export { type CreateLrInput, createLegitimateRelationship } from "./create-legitimate-relationship";
export { type GetOperationStatusContext, getOperationStatus, type OperationStatus } from "./get-operation-status";
export { type GetPatientLrsInput, getPatientLrs, type PatientLrs } from "./get-patient-lrs";
export { type GetUserRoleProfilesInput, getUserRoleProfiles } from "./get-user-role-profiles";
export type { LrContext, UpdateOutcome } from "./lr-context";
export { queryWorkgroups } from "./query-workgroups";
export { removeWorkgroupMember } from "./remove-workgroup-member";
export type { WorkgroupMemberInput } from "./workgroup-membership";
