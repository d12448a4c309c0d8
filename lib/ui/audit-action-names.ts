/**
 * Plain-English names for the audit vocabulary (lib/schemas/audit.ts), as the audit trail viewer
 * and its CSV export show them. Data, one line per action; a new action without a name here is
 * shown by its code (and lib/ui/audit-action-names.test.ts fails until it gets one).
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "auth.sign-in": "Signed in",
  "auth.sign-in-refused": "Sign-in refused",
  "auth.sign-out": "Signed out",
  "auth.role-change": "Changed role",
  "auth.session-ended": "Session ended (timed out or revoked)",
  "auth.backchannel-logout": "Signed out by CIS2",
  "auth.access-refused": "Access refused (role without permission)",
  "patient.viewed": "Viewed a patient",
  "lr.create.requested": "Create relationship: sent to Spine",
  "lr.create.confirmed": "Create relationship: confirmed by Spine",
  "lr.create.failed": "Create relationship: failed",
  "lr.status-change.requested": "Change relationship status: sent to Spine",
  "lr.status-change.confirmed": "Change relationship status: confirmed by Spine",
  "lr.status-change.failed": "Change relationship status: failed",
  "lr.confirm-query": "Checked for a relationship",
  "lr.details-query": "Viewed a patient's relationships",
  "lr.emergency-access": "Emergency access to relationships",
  "lr.batch-check": "Checked relationships for a list of patients",
  "workgroup.add.requested": "Add workgroup member: sent to Spine",
  "workgroup.add.confirmed": "Add workgroup member: confirmed by Spine",
  "workgroup.add.failed": "Add workgroup member: failed",
  "workgroup.remove.requested": "Remove workgroup member: sent to Spine",
  "workgroup.remove.confirmed": "Remove workgroup member: confirmed by Spine",
  "workgroup.remove.failed": "Remove workgroup member: failed",
  "workgroup.query": "Looked up workgroups",
  "sds.role-profile-query": "Looked up a user's role profiles",
  "alert.raised": "Privacy alert raised",
  "alert.changed": "Privacy alert updated",
  "training.reset": "Training world reset",
  "training.scenario-loaded": "Training scenario loaded",
  "training.fault-on": "Training fault switched on",
  "training.fault-off": "Training fault switched off",
  "audit.searched": "Searched the audit trail",
  "audit.exported": "Exported the audit trail",
  "audit.verified": "Verified the audit trail",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const AUDIT_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  success: "Success",
  failure: "Failure",
  denied: "Denied",
};
