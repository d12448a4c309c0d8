import type { NhsNumberProblem } from "@/lib/nhs/nhs-number";

/** Every word on the find-a-patient page. */
export const findPatientCopy = {
  title: "Find a patient",
  errorTitlePrefix: "Error: ",
  heading: "Find a patient",
  label: "NHS number",
  hint: "This is a 10 digit number, like 999 123 4567. You can include spaces.",
  submit: "Find patient",
  errorSummaryTitle: "There is a problem",
  problems: {
    empty: "Enter the patient's NHS number",
    format: "NHS number must only include numbers and spaces",
    length: "NHS number must be 10 digits",
    check_digit: "Enter a valid NHS number. Check you have entered it correctly",
  } satisfies Record<NhsNumberProblem, string>,
  youEntered: "You entered",
  batchLink: "Check a list of patients (a clinic list of up to 10,000) in one go",
  recentHeading: "Patients you viewed in this session",
  recentNone: "You have not viewed any patients in this session.",
} as const;
