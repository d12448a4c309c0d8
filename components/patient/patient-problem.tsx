import { ProblemMessage } from "@/components/forms/problem-message";
import type { UiError } from "@/lib/schemas/api-error";
import { NhsNumber } from "./nhs-number";

export interface PatientProblemCopy {
  notFoundHeading: string;
  notFoundBody: string;
  unavailableHeading: string;
  nhsNumber: string;
  searchAgain: string;
}

/** A patient page when PDS has no such patient or cannot be reached; the number is still shown 3-3-4. */
export function PatientProblem({ nhsNumber, error, copy }: { nhsNumber: string; error: UiError; copy: PatientProblemCopy }) {
  const notFound = error.code === "not_found";
  return (
    <div className="nhsuk-grid-row" data-testid="patient-problem">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{notFound ? copy.notFoundHeading : copy.unavailableHeading}</h1>
        <p>
          {copy.nhsNumber} <NhsNumber value={nhsNumber} />
        </p>
        {notFound ? <p>{copy.notFoundBody}</p> : <ProblemMessage error={error} kind="query" />}
        <p>
          <a href="/patients">{copy.searchAgain}</a>
        </p>
      </div>
    </div>
  );
}
