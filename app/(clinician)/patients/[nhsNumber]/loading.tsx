import { patientCopy as copy } from "./copy";

/** Shown while Spine answers (a slow or failing Spine can take up to 30 s). */
export default function PatientLoading() {
  return (
    <div aria-live="polite" aria-busy="true" data-testid="patient-loading">
      <h1 className="nhsuk-heading-l">{copy.list.loading}</h1>
      <div className="h-nhs-6 w-2/3 animate-pulse bg-nhs-grey-4" />
    </div>
  );
}
