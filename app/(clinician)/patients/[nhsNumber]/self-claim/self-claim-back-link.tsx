"use client";
import { selfClaimCopy as copy } from "./copy";
import type { SelfClaimStep } from "./self-claim-steps";

/** "Back" to the previous question in place, or, where there is none, "Back to patient". */
export function SelfClaimBackLink({
  nhsNumber,
  back,
  onBack,
}: {
  nhsNumber: string;
  back: SelfClaimStep | undefined;
  onBack: (step: SelfClaimStep) => void;
}) {
  if (!back) {
    return (
      <a className="nhsuk-back-link" href={`/patients/${nhsNumber}`}>
        {copy.backToPatient}
      </a>
    );
  }
  return (
    <a
      className="nhsuk-back-link"
      href={`#${back}`}
      onClick={(e) => {
        e.preventDefault();
        onBack(back);
      }}
    >
      {copy.back}
    </a>
  );
}
