/** An LR as a scenario describes it, before ids and statuses are worked out. */
export interface SeedLr {
  nhsNumber: string;
  subject: { kind: "user"; roleProfileId: string } | { kind: "workgroup"; workgroupId: string };
  /** LRType …16.11. */
  lrType: string;
  author: { kind: "user"; roleProfileId: string } | { kind: "system"; asid: string };
  accessReason?: { code?: string; text?: string };
  alertRequested?: boolean;
  /** HL7 TS, 14 chars. */
  start: string;
  /** Status changes in order (SC reason …16.22 and HL7 TS); the resulting status follows the transition map. */
  history?: { reasonCode: string; at: string; byRoleProfileId?: string }[];
}
