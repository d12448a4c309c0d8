import { type ConfirmLrQuery, LR_TYPES } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";
import { enquirerOf } from "@/simulator/business/enquirer";
import { enquirerLrs } from "@/simulator/business/lr-access";
import { checkPatient } from "@/simulator/business/patient-checks";

/** ConfirmationRespType codes (…17.9) → which reply interaction answers them. */
const ANSWER_BY_RESPONSE_TYPE = { "01": "short", "02": "historic" } as const;

/**
 * QUPC_IN010000UK32: does the user (directly, or through a workgroup in the query or in SDS)
 * hold an ACTIVE LR with the patient? Short → LRExists; Historic → ConfirmHistory whose code and
 * effectiveTime describe the most relevant LR (INFERRED: newest active one, else newest ended one).
 */
export async function confirmLrQuery(context: BusinessContext, query: ConfirmLrQuery): Promise<BusinessOutcome> {
  const patientProblem = await checkPatient(context, query.nhsNumber);
  if (patientProblem) return patientProblem;
  const enquirer = enquirerOf(query.parameterList, context.header);
  if (!enquirer) return businessError("unableToProcess", "no parameterList and no ControlActEvent author to confirm for");
  const answer = ANSWER_BY_RESPONSE_TYPE[query.responseType as keyof typeof ANSWER_BY_RESPONSE_TYPE];
  if (!answer) return businessError("invalidRequest", `response.Type ${query.responseType} is not supported`);

  const lrs = await enquirerLrs(context.db, enquirer, [query.nhsNumber]);
  const active = lrs.find((lr) => lr.status === "active");
  if (answer === "short") return reply("QUPC_IN030000UK14", { lrExists: active !== undefined });

  const relevant = active ?? lrs[0];
  if (!relevant) return reply("QUPC_IN040000UK30", { lrExists: false });
  return reply("QUPC_IN040000UK30", {
    lrExists: active !== undefined,
    code: { code: relevant.lr_type_code, codeSystem: LR_TYPES.codeSystem },
    effectiveTime: active ? relevant.start_time : (relevant.end_time ?? relevant.start_time),
  });
}
