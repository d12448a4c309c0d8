import "server-only";
import type { Kysely } from "kysely";
import { alertTypeOf } from "@/lib/alerts/raise-rules";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { cis2DisplayName, findRoleProfile, organisationName } from "@/lib/personas";
import type { AlertKind, AlertStatus } from "@/lib/schemas/alerts";
import { insertAlert, recordAlertEvent } from "@/server/db/alerts";
import type { Database } from "@/server/db/schema";

/**
 * The training world's privacy-officer backlog, so the alert queue is useful the moment the app
 * starts: alerts of each kind and status across two organisations (the hospital trust, whose
 * privacy officer is a persona, and a GP surgery), including one the privacy officer caused
 * (four-eyes: they can read it but not close it). Synthetic only; each entry is written once (a
 * second seeding adds nothing), in training mode.
 */
interface SeedAlert {
  kind: AlertKind;
  status: AlertStatus;
  /** A persona role profile (lib/personas). */
  roleProfileId: string;
  reasonCode: string;
  reasonText: string;
  daysAgo: number;
  patient: number;
  note?: string;
}

const PRIVACY_OFFICER = "900000000003";

const BACKLOG: readonly SeedAlert[] = [
  {
    kind: "selfClaim",
    status: "new",
    roleProfileId: "900000000201",
    reasonCode: "4",
    reasonText: "Seen in ED overnight",
    daysAgo: 0,
    patient: 21,
  },
  {
    kind: "selfClaim",
    status: "new",
    roleProfileId: "900000000705",
    reasonCode: "1",
    reasonText: "Locum cover, ward round",
    daysAgo: 1,
    patient: 22,
  },
  {
    kind: "access",
    status: "new",
    roleProfileId: "900000000705",
    reasonCode: "5",
    reasonText: "Unconscious on arrival",
    daysAgo: 1,
    patient: 23,
  },
  {
    kind: "selfClaim",
    status: "open",
    roleProfileId: "900000000901",
    reasonCode: "4",
    reasonText: "Covering a colleague's clinic",
    daysAgo: 3,
    patient: 24,
    note: "Asked the ward manager for the rota.",
  },
  {
    kind: "access",
    status: "investigating",
    roleProfileId: "900000000705",
    reasonCode: "1",
    reasonText: "Safeguarding concern",
    daysAgo: 5,
    patient: 25,
    note: "Checking the safeguarding referral.",
  },
  {
    kind: "selfClaim",
    status: "closed",
    roleProfileId: "900000000201",
    reasonCode: "4",
    reasonText: "Triage",
    daysAgo: 9,
    patient: 26,
    note: "Rota confirms the nurse was on shift. Appropriate.",
  },
  {
    kind: "selfClaim",
    status: "new",
    roleProfileId: "900000000301",
    reasonCode: "6",
    reasonText: "Checking a complaint file",
    daysAgo: 2,
    patient: 27,
  },
  {
    kind: "access",
    status: "closed",
    roleProfileId: "900000000705",
    reasonCode: "3",
    reasonText: "Court order ref 2026/117",
    daysAgo: 14,
    patient: 28,
    note: "Court order on file.",
  },
  // Another organisation's backlog: never visible to the hospital's privacy officer.
  { kind: "selfClaim", status: "new", roleProfileId: "900000000101", reasonCode: "4", reasonText: "Home visit", daysAgo: 0, patient: 29 },
  {
    kind: "access",
    status: "open",
    roleProfileId: "900000000101",
    reasonCode: "5",
    reasonText: "Collapsed in surgery",
    daysAgo: 4,
    patient: 30,
  },
];

const DAY_MS = 86_400_000;

/** A fixed, recognisable alert id per backlog entry (9000… like every synthetic id). */
function seedId(index: number): string {
  return `9000A1E7-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
}

export async function seedAlertBacklog(db: Kysely<Database>, now: Date): Promise<number> {
  let seeded = 0;
  for (const [index, entry] of BACKLOG.entries()) {
    const found = findRoleProfile(entry.roleProfileId);
    if (!found) throw new Error(`backlog names unknown role ${entry.roleProfileId}`);
    const raisedAt = new Date(now.getTime() - entry.daysAgo * DAY_MS - index * 60_000);
    const id = seedId(index);
    const created = await insertAlert(db, {
      id,
      org_code: found.role.org_code,
      alert_type: alertTypeOf(entry.kind),
      reason_code: entry.reasonCode,
      reason_text: entry.reasonText,
      nhs_number: syntheticNhsNumber(entry.patient),
      actor_sub: found.persona.uid,
      actor_role_id: found.role.person_roleid,
      actor_name: cis2DisplayName(found.persona),
      actor_role_name: found.role.job_role_name,
      actor_org_name: organisationName(found.role.org_code) ?? null,
      lr_id: null,
      source_message_id: null,
      // Sent to Spine before this store existed: no outbox row, so the page shows it as sent.
      spine_message_id: id,
      raised_at: raisedAt,
      updated_at: raisedAt,
    });
    if (!created) continue;
    seeded++;
    if (entry.status !== "new") {
      await recordAlertEvent(
        db,
        {
          alert_id: id,
          at: new Date(raisedAt.getTime() + DAY_MS / 2),
          actor_sub: PRIVACY_OFFICER,
          actor_role_id: null,
          actor_name: "SYNTHPO Casey",
          kind: "status",
          from_status: "new",
          to_status: entry.status,
          note: entry.note ?? null,
        },
        "new",
      );
    }
  }
  return seeded;
}
