import type { Kysely } from "kysely";
import {
  ACCESS_REASON_CODES,
  type CompleteLrEntry,
  displayNameOf,
  type ListSubject,
  LR_STATUS_CODES,
  LR_TYPES,
  type LrActor,
  type LrDetailsQuery,
  SC_REASON_CODES,
  type SimpleLrEntry,
} from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";
import { checkPatient } from "@/simulator/business/patient-checks";
import type { LegitimateRelationshipTable, LrStatusChangeTable, SimulatorDatabase } from "@/simulator/store/schema";

type LrRow = LegitimateRelationshipTable;
type ChangeRow = Omit<LrStatusChangeTable, "change_id"> & { change_id: number };

/** DetailsRespType (…17.10) → list kind. The simple list shows current (not closed) LRs; INFERRED. */
const LIST_BY_RESPONSE_TYPE = { "01": "simple", "02": "complete" } as const;

/** An LR overlaps the requested period when it started before the period ends and had not ended before it began. */
function overlaps(lr: LrRow, period: LrDetailsQuery["timePeriod"]): boolean {
  if (!period) return true;
  const startsBeforeEnd = period.end === undefined || lr.start_time <= period.end;
  const endsAfterStart = lr.end_time === null || lr.end_time >= period.start;
  return startsBeforeEnd && endsAfterStart;
}

async function listSubjects(db: Kysely<SimulatorDatabase>, lrs: readonly LrRow[]): Promise<Map<string, ListSubject>> {
  const workgroupIds = [...new Set(lrs.flatMap((lr) => (lr.subject_workgroup_id ? [lr.subject_workgroup_id] : [])))];
  const workgroups = workgroupIds.length
    ? await db.selectFrom("workgroups").selectAll().where("workgroup_id", "in", workgroupIds).execute()
    : [];
  const subjects = new Map<string, ListSubject>();
  for (const lr of lrs) {
    if (lr.subject_kind === "user") {
      subjects.set(lr.lr_id, { kind: "user", roleProfileId: lr.subject_role_profile_id ?? "", userId: lr.subject_user_id ?? "" });
      continue;
    }
    const workgroup = workgroups.find((row) => row.workgroup_id === lr.subject_workgroup_id);
    subjects.set(lr.lr_id, {
      kind: "workgroup",
      workgroupId: lr.subject_workgroup_id ?? "",
      ...(workgroup ? { workgroupName: workgroup.name, organizationId: workgroup.org_code, organizationName: workgroup.org_name } : {}),
    });
  }
  return subjects;
}

/** Changes with no named person were Spine's own (time-outs, deaths): reported as Spine's system. */
function actor(
  row: { author_role_profile_id: string | null; author_user_id: string | null; author_asid: string | null },
  spineAsid: string,
): LrActor {
  if (row.author_role_profile_id && row.author_user_id) {
    return { kind: "user", roleProfileId: row.author_role_profile_id, userId: row.author_user_id };
  }
  return { kind: "system", asid: row.author_asid ?? spineAsid };
}

function completeEntry(lr: LrRow, subject: ListSubject, lastChange: ChangeRow | undefined, spineAsid: string): CompleteLrEntry {
  const entry: CompleteLrEntry = {
    lrId: lr.lr_id,
    code: { code: lr.status, codeSystem: LR_STATUS_CODES.codeSystem, displayName: displayNameOf(LR_STATUS_CODES, lr.status) ?? lr.status },
    effectiveTime: lr.end_time ? { low: lr.start_time, high: lr.end_time } : { low: lr.start_time },
    reasonCode: { code: lr.lr_type_code, codeSystem: LR_TYPES.codeSystem, displayName: displayNameOf(LR_TYPES, lr.lr_type_code) ?? "" },
    subject,
    author: actor(lr, spineAsid),
  };
  if (lastChange) {
    entry.statusChange = {
      reasonCode: {
        code: lastChange.sc_reason_code,
        codeSystem: SC_REASON_CODES.codeSystem,
        displayName: displayNameOf(SC_REASON_CODES, lastChange.sc_reason_code) ?? "",
      },
      author: actor(lastChange, spineAsid),
    };
  }
  if (lr.access_reason_code || lr.access_reason_text) {
    entry.accessReason = {
      ...(lr.access_reason_text ? { text: lr.access_reason_text } : {}),
      ...(lr.access_reason_code ? { code: { code: lr.access_reason_code, codeSystem: ACCESS_REASON_CODES.codeSystem } } : {}),
    };
  }
  return entry;
}

/** QUPC_IN020000UK17 → QUPC_IN060000UK32 (simple) / QUPC_IN070000UK32 (complete), filtered by time.Period. */
export async function lrDetailsQuery(context: BusinessContext, query: LrDetailsQuery): Promise<BusinessOutcome> {
  const patientProblem = await checkPatient(context, query.nhsNumber);
  if (patientProblem) return patientProblem;
  const list = LIST_BY_RESPONSE_TYPE[query.responseType as keyof typeof LIST_BY_RESPONSE_TYPE];
  if (!list) return businessError("invalidRequest", `response.Type ${query.responseType} is not supported`);

  const allLrs = await context.db
    .selectFrom("legitimate_relationships")
    .selectAll()
    .where("nhs_number", "=", query.nhsNumber)
    .orderBy("start_time", "desc")
    .orderBy("created_seq", "desc")
    .execute();
  const lrs = allLrs.filter((lr) => overlaps(lr, query.timePeriod) && (list === "complete" || lr.status !== "closed"));
  const subjects = await listSubjects(context.db, lrs);
  const subjectOf = (lr: LrRow): ListSubject => subjects.get(lr.lr_id) ?? { kind: "other", id: { root: "unknown" } };

  if (list === "simple") {
    const entries = lrs.map(
      (lr): SimpleLrEntry => ({
        lrId: lr.lr_id,
        code: { code: lr.lr_type_code, codeSystem: LR_TYPES.codeSystem, displayName: displayNameOf(LR_TYPES, lr.lr_type_code) ?? "" },
        effectiveTime: lr.start_time,
        subject: subjectOf(lr),
      }),
    );
    return reply("QUPC_IN060000UK32", { nhsNumber: query.nhsNumber, entries });
  }
  const changes = lrs.length
    ? await context.db
        .selectFrom("lr_status_changes")
        .selectAll()
        .where(
          "lr_id",
          "in",
          lrs.map((lr) => lr.lr_id),
        )
        .orderBy("change_id", "asc")
        .execute()
    : [];
  const lastChangeOf = (lrId: string) => changes.filter((change) => change.lr_id === lrId).at(-1);
  const entries = lrs.map((lr) => completeEntry(lr, subjectOf(lr), lastChangeOf(lr.lr_id), context.config.spine.asid));
  return reply("QUPC_IN070000UK32", { nhsNumber: query.nhsNumber, entries });
}
