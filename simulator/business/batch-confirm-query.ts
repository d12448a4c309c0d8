import { type BatchConfirmQuery, type BatchConfirmResult, spineError } from "@/lib/hl7";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";
import { enquirerOf } from "@/simulator/business/enquirer";
import { enquirerLrs } from "@/simulator/business/lr-access";

function issue(key: "invalidNhsNumber" | "patientNotFound", nhsNumber: string): BatchConfirmResult {
  const error = spineError(key);
  return { kind: "issue", nhsNumber, issue: { code: error.code, codeSystem: error.codeSystem, displayName: error.text } };
}

/** QUPC_IN090000UK03 → QUPC_IN250000UK02: one LRStatus per patient, or a DetectedIssueEvent for a bad NHS number. */
export async function batchConfirmQuery(context: BusinessContext, query: BatchConfirmQuery): Promise<BusinessOutcome> {
  const enquirer = enquirerOf(query.parameterList, context.header);
  if (!enquirer) return businessError("unableToProcess", "no parameterList and no ControlActEvent author to confirm for");
  const valid = query.nhsNumbers.filter((nhsNumber) => validateNhsNumber(nhsNumber).ok);
  const known = new Set(
    valid.length === 0
      ? []
      : (await context.db.selectFrom("patients").select("nhs_number").where("nhs_number", "in", valid).execute()).map(
          (row) => row.nhs_number,
        ),
  );
  const lrs = await enquirerLrs(context.db, enquirer, [...known]);
  const withActiveLr = new Set(lrs.filter((lr) => lr.status === "active").map((lr) => lr.nhs_number));
  const results = query.nhsNumbers.map((nhsNumber): BatchConfirmResult => {
    if (!validateNhsNumber(nhsNumber).ok) return issue("invalidNhsNumber", nhsNumber);
    if (context.config.businessRules.requireKnownPatient && !known.has(nhsNumber)) return issue("patientNotFound", nhsNumber);
    return { kind: "status", nhsNumber, hasLr: withActiveLr.has(nhsNumber) };
  });
  return reply("QUPC_IN250000UK02", { results });
}
