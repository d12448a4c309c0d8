import type { RowProblem } from "@/lib/batch/parse-clinic-list";
import type { BatchOutcome } from "@/lib/schemas/batch-checks";

/** Why a row was not sent, as the page, the results table and the CSV download say it. */
export const ROW_PROBLEM_TEXT: Record<RowProblem, string> = {
  empty: "No NHS number",
  format: "NHS number must only contain numbers",
  length: "NHS number must be 10 digits",
  check_digit: "Not a valid NHS number (check digit is wrong)",
  duplicate: "Already in the list",
  not_synthetic: "Not a training (synthetic) NHS number",
};

export function rowProblemText(problem: RowProblem, duplicateOf?: number | null): string {
  return problem === "duplicate" && duplicateOf ? `Already in the list (row ${duplicateOf})` : ROW_PROBLEM_TEXT[problem];
}

/** The outcome column of the results and the CSV download. */
export const OUTCOME_TEXT: Record<BatchOutcome, string> = {
  lr: "LR",
  "no-lr": "No LR",
  invalid: "Invalid",
  "spine-error": "Spine error",
};
