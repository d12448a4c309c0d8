/**
 * The closed vocabulary of audit actions: every operation LR Manager performs writes exactly one
 * event per outcome under one of these names (docs/domain.md §4b). The privacy officer's audit
 * viewer filters on them, so they are data shared by the server and the pages; a name is never
 * reused for another meaning.
 */
export const AUDIT_ACTIONS = {
  signIn: "auth.sign-in",
  signInRefused: "auth.sign-in-refused",
  signOut: "auth.sign-out",
  roleChange: "auth.role-change",
  sessionEnded: "auth.session-ended",
  backchannelLogout: "auth.backchannel-logout",
  accessRefused: "auth.access-refused",
  patientViewed: "patient.viewed",
  lrCreateRequested: "lr.create.requested",
  lrCreateConfirmed: "lr.create.confirmed",
  lrCreateFailed: "lr.create.failed",
  lrStatusChangeRequested: "lr.status-change.requested",
  lrStatusChangeConfirmed: "lr.status-change.confirmed",
  lrStatusChangeFailed: "lr.status-change.failed",
  confirmQuery: "lr.confirm-query",
  detailsQuery: "lr.details-query",
  emergencyAccess: "lr.emergency-access",
  batchCheck: "lr.batch-check",
  workgroupAddRequested: "workgroup.add.requested",
  workgroupAddConfirmed: "workgroup.add.confirmed",
  workgroupAddFailed: "workgroup.add.failed",
  workgroupRemoveRequested: "workgroup.remove.requested",
  workgroupRemoveConfirmed: "workgroup.remove.confirmed",
  workgroupRemoveFailed: "workgroup.remove.failed",
  workgroupQuery: "workgroup.query",
  roleProfileQuery: "sds.role-profile-query",
  alertRaised: "alert.raised",
  alertChanged: "alert.changed",
  trainingReset: "training.reset",
  trainingScenarioLoaded: "training.scenario-loaded",
  trainingFaultOn: "training.fault-on",
  trainingFaultOff: "training.fault-off",
  auditSearched: "audit.searched",
  auditExported: "audit.exported",
  auditVerified: "audit.verified",
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const AUDIT_ACTION_NAMES: readonly AuditAction[] = Object.values(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTION_NAMES as readonly string[]).includes(value);
}

/**
 * Spine updates go through the outbox, whose rows become final on whichever instance receives
 * Spine's reply (or when the worker gives up). The database writes their events from the row
 * itself (migration 0002's trigger): `<base>.requested` when the row is stored, `<base>.confirmed`
 * or `<base>.failed` when it becomes final. These are the bases an update may carry.
 */
export const AUDITED_UPDATE_BASES = ["lr.create", "lr.status-change", "workgroup.add", "workgroup.remove"] as const;
export type AuditedUpdateBase = (typeof AUDITED_UPDATE_BASES)[number];

export type AuditOutcome = "success" | "failure" | "denied";
