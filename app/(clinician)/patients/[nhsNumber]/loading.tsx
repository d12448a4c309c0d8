import { patientCopy as copy } from "./copy";

/**
 * Shown while Spine answers (a slow or failing Spine can take up to 30 s). It takes the screen's
 * height, as the patient page will: the footer starts below the fold instead of jumping down when
 * the banner and LR list replace this (that jump was the page's layout shift, CLS 0.10).
 */
export default function PatientLoading() {
  return (
    <div aria-live="polite" aria-busy="true" data-testid="patient-loading" className="min-h-screen">
      <h1 className="nhsuk-heading-l">{copy.list.loading}</h1>
      <div className="h-nhs-6 w-2/3 animate-pulse bg-nhs-grey-4" />
    </div>
  );
}
