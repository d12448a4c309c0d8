import "server-only";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { AlertSummary } from "@/lib/schemas/alerts";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { findAlert } from "@/server/db/alerts";
import { type AuditEvent, listAuditEvents } from "@/server/db/audit-events";
import { getDb } from "@/server/db/client";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { ALERT_NOT_FOUND, alertScopeOf } from "./alert-scope";
import { alertSummaryOf } from "./alert-view";

export interface PatientReview {
  alert: AlertSummary;
  nhsNumber: NhsNumber;
  /** Spine's complete list (QUPC_IN070000UK32): every LR with its status, who created it and the last change. */
  lrs: PatientLrList;
  /** This organisation's audit trail for the patient, newest first. */
  audit: AuditEvent[];
}

const AUDIT_LIMIT = 200;

/**
 * "Review the patient" from an alert: the patient the alert is about (the alert must be in the
 * privacy officer's scope, so the review always has a reason on record), Spine's complete LR list
 * and the local audit trail for that patient, in one answer. The list query is itself audited.
 */
export async function reviewPatientForAlert(user: SignedInUser, lr: LrContext, alertId: string): Promise<PatientReview> {
  const { db } = await getDb();
  const row = await findAlert(db, alertScopeOf(user), alertId);
  if (!row) throw ALERT_NOT_FOUND();
  const nhsNumber = row.nhs_number as NhsNumber;
  const [lrs, audit] = await Promise.all([
    listPatientLrs(lr, nhsNumber),
    listAuditEvents(db, { nhsNumber, orgCode: user.orgCode, limit: AUDIT_LIMIT }),
  ]);
  return { alert: alertSummaryOf(row), nhsNumber, lrs, audit };
}
