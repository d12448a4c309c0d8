"use client";
import { LrTable } from "@/components/lr/lr-table";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import { patientCopy } from "../../../../(clinician)/patients/[nhsNumber]/copy";

/** The patient's complete LR list in the same table the patient page uses (its copy holds functions, so it is read here, on the client). */
export function ReviewLrTable({ list }: { list: PatientLrList }) {
  return <LrTable list={list} copy={patientCopy.table} />;
}
