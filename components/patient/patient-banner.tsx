import type { PdsPatient } from "@/lib/schemas/patient";
import { displayAge, displayDate } from "@/lib/ui/clinical-dates";
import { bannerName } from "@/lib/ui/patient-name";
import { NhsNumber } from "./nhs-number";

export interface PatientBannerCopy {
  label: string;
  born: string;
  nhsNumber: string;
  gender: string;
  deceased: string;
  died: string;
  synthetic: string;
}

/**
 * NHS CUI patient banner: "FAMILY, Given (Title)", date of birth with age, NHS number 3-3-4 on one
 * line, gender; a deceased marker, and a synthetic-data marker in training. The name is the page's h1.
 */
export function PatientBanner({
  patient,
  copy,
  training,
  nameIsPageHeading = false,
}: {
  patient: PdsPatient;
  copy: PatientBannerCopy;
  training: boolean;
  /** On the patient page the name is the h1; in a journey the step's question is, so the name is plain text. */
  nameIsPageHeading?: boolean;
}) {
  const Name = nameIsPageHeading ? "h1" : "p";
  return (
    <section aria-label={copy.label} className="mb-nhs-5 border-b-4 border-nhs-blue bg-white p-nhs-3" data-testid="patient-banner">
      <Name className="nhsuk-heading-l nhsuk-u-margin-bottom-2" data-testid="banner-name">
        {bannerName(patient)}
        {patient.deceasedAt ? (
          <>
            {" "}
            <strong className="nhsuk-tag nhsuk-tag--red align-middle" data-testid="deceased-marker">
              {copy.deceased}
            </strong>
          </>
        ) : null}
        {training ? (
          <>
            {" "}
            <strong className="nhsuk-tag nhsuk-tag--purple align-middle" data-testid="synthetic-marker">
              {copy.synthetic}
            </strong>
          </>
        ) : null}
      </Name>
      <dl className="m-0 flex flex-wrap gap-x-nhs-5 gap-y-nhs-1">
        <div className="flex gap-nhs-2">
          <dt className="font-bold">{copy.born}</dt>
          <dd className="m-0">
            {displayDate(patient.birthDate)}
            {patient.birthDate && !patient.deceasedAt ? ` (${displayAge(patient.birthDate)})` : ""}
          </dd>
        </div>
        <div className="flex gap-nhs-2">
          <dt className="font-bold">{copy.nhsNumber}</dt>
          <dd className="m-0" data-testid="banner-nhs-number">
            <NhsNumber value={patient.nhsNumber} />
          </dd>
        </div>
        {patient.gender ? (
          <div className="flex gap-nhs-2">
            <dt className="font-bold">{copy.gender}</dt>
            <dd className="m-0 capitalize">{patient.gender}</dd>
          </div>
        ) : null}
        {patient.deceasedAt ? (
          <div className="flex gap-nhs-2">
            <dt className="font-bold">{copy.died}</dt>
            <dd className="m-0">{displayDate(patient.deceasedAt)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
