import "server-only";
import { appendAuditEvent, listAuditEvents } from "@/server/db/audit-events";
import { getDb } from "@/server/db/client";
import type { AuditOutcome } from "@/server/db/schema";
import type { Clinician } from "./clinician";

/** Audit actions the patient journeys write (names are data: the audit pages filter on them). */
export const PATIENT_AUDIT_ACTIONS = {
  patientViewed: "patient.viewed",
  emergencyAccess: "lr.emergency_access",
} as const;

export async function auditPatientEvent(
  clinician: Clinician,
  event: { action: string; nhsNumber: string; outcome: AuditOutcome; details?: Record<string, unknown>; requestId?: string },
): Promise<void> {
  const { db } = await getDb();
  await appendAuditEvent(db, {
    action: event.action,
    outcome: event.outcome,
    actorSub: clinician.sub,
    roleId: clinician.roleProfileId,
    nhsNumber: event.nhsNumber,
    // The session id ties views to this sign-in, for "recently viewed in this session".
    details: { sessionId: clinician.sessionId, ...event.details },
    requestId: event.requestId ?? null,
  });
}

const RECENT_LIMIT = 5;

/** NHS numbers this session viewed, newest first, each once — derived from the audit trail. */
export async function recentlyViewedPatients(clinician: Clinician): Promise<string[]> {
  const { db } = await getDb();
  const events = await listAuditEvents(db, { actorSub: clinician.sub, action: PATIENT_AUDIT_ACTIONS.patientViewed, limit: 100 });
  const numbers: string[] = [];
  for (const event of events) {
    if (event.details.sessionId !== clinician.sessionId || !event.nhsNumber) continue;
    if (!numbers.includes(event.nhsNumber)) numbers.push(event.nhsNumber);
    if (numbers.length === RECENT_LIMIT) break;
  }
  return numbers;
}
