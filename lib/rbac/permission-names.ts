/**
 * The closed list of app permissions. Which activity codes grant each one is configuration
 * (lib/rbac/permission-map.json), never code; this list only names them.
 */
export const PERMISSIONS = [
  "lr.view", // see a patient's LRs (simple list) and whether I have one
  "lr.viewComplete", // complete LR list with status history
  "lr.selfClaim", // self-claim an LR for me or my workgroup (raises a privacy-officer alert)
  "lr.create", // create LRs of other types (referral, registration …)
  "lr.changeStatus", // freeze / close / reactivate an LR
  "lr.emergencyView", // dissent-override / emergency access to the LR list (audited, alerts PO)
  "po.alerts", // privacy officer: review alerts raised by self-claims and emergency access (either kind)
  "po.alerts.selfClaim", // receive "Create LR (Self Claimed)" alerts (B0016)
  "po.alerts.access", // receive legal-override and emergency-view access alerts (B0015)
  "audit.view", // read the audit trail (of the role's own organisation only, unless audit.viewAll)
  "audit.viewAll", // read every organisation's audit trail (system administration)
  "workgroup.manage", // add / remove workgroup members (training and local workgroups)
  "training.admin", // reset and seed the training world
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
