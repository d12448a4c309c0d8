import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NhsNumberSearch } from "@/components/forms/nhs-number-search";
import { NhsNumber } from "@/components/patient/nhs-number";
import { isAppError } from "@/lib/errors/app-error";
import { formatNhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";
import { recentlyViewedPatients } from "@/server/audit/recently-viewed";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { assertNhsNumberForMode } from "@/server/http/nhs-number-mode-guard";
import { findPatientCopy as copy } from "./copy";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function enteredNumber(params: Record<string, string | string[] | undefined>): string | undefined {
  const value = params.nhsNumber;
  return typeof value === "string" ? value : undefined;
}

/** A valid number the mode refuses (a real one in training, a synthetic one live), as the field's message. */
function modeProblem(nhsNumber: string): string | undefined {
  try {
    assertNhsNumberForMode(nhsNumber);
    return undefined;
  } catch (error) {
    return isAppError(error) ? (error.fields?.nhsNumber ?? error.message) : undefined;
  }
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const entered = enteredNumber(await searchParams);
  const invalid = entered !== undefined && !validateNhsNumber(entered).ok;
  return { title: `${invalid ? copy.errorTitlePrefix : ""}${copy.title}` };
}

/**
 * Find a patient by NHS number. A plain GET form: the server checks format and Modulus 11 and
 * either opens the patient's page or shows the NHS error summary (works without JavaScript).
 */
export default async function FindPatientPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requirePagePermission("lr.view", "/patients");
  const entered = enteredNumber(await searchParams);
  let problem: string | undefined;
  if (entered !== undefined) {
    const result = validateNhsNumber(entered);
    if (result.ok) {
      const wrongMode = modeProblem(result.nhsNumber);
      if (!wrongMode) redirect(`/patients/${result.nhsNumber}`);
      problem = wrongMode;
    } else {
      problem = copy.problems[result.problem];
    }
  }
  const recent = await recentlyViewedPatients(signedInUserFrom(session));
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <NhsNumberSearch
          copy={{
            heading: copy.heading,
            label: copy.label,
            hint: copy.hint,
            submit: copy.submit,
            errorSummaryTitle: copy.errorSummaryTitle,
          }}
          value={entered === undefined ? "" : formatNhsNumber(entered.trim())}
          error={problem}
        />
        {problem && entered?.trim() ? (
          <p className="nhsuk-body-s" data-testid="entered-number">
            {copy.youEntered}: <span className="nhs-number">{formatNhsNumber(entered.trim())}</span>
          </p>
        ) : null}
        <p>
          <a href="/batch-check" data-testid="batch-check-link">
            {copy.batchLink}
          </a>
        </p>
        <h2 className="nhsuk-heading-m">{copy.recentHeading}</h2>
        {recent.length === 0 ? (
          <p>{copy.recentNone}</p>
        ) : (
          <ul className="nhsuk-list" data-testid="recent-patients">
            {recent.map((nhsNumber) => (
              <li key={nhsNumber}>
                <a href={`/patients/${nhsNumber}`}>
                  <NhsNumber value={nhsNumber} />
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
