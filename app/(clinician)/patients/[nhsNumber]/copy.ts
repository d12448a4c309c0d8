import type { LrTableCopy } from "@/components/lr/lr-table";
import type { PatientBannerCopy } from "@/components/patient/patient-banner";
import type { PatientProblemCopy } from "@/components/patient/patient-problem";
import { NAMES_UNAVAILABLE_MESSAGE } from "@/lib/ui/directory-names";

/** Every word on the patient page (banner, relationship, LR list). */
export const patientCopy = {
  titleSuffix: "Patient",
  problem: {
    notFoundHeading: "No patient found",
    notFoundBody: "There is no patient on PDS with this NHS number. Check the number and try again.",
    unavailableHeading: "Patient details not available",
    nhsNumber: "NHS number",
    searchAgain: "Search for another patient",
  } satisfies PatientProblemCopy,
  back: "Find a patient",
  banner: {
    label: "Patient details",
    born: "Born",
    nhsNumber: "NHS number",
    gender: "Gender",
    deceased: "Deceased",
    died: "Died",
    synthetic: "Synthetic patient",
  } satisfies PatientBannerCopy,
  relationship: {
    heading: "Your relationship with this patient",
    yes: "You have a legitimate relationship with this patient.",
    no: "You do not have a legitimate relationship with this patient.",
    direct: "You hold it yourself.",
    through: "You hold it through your workgroup:",
    selfClaimHint:
      "If you are providing care for this patient, you can self-claim a relationship. Self-claims are reviewed by your privacy officer.",
  },
  actions: {
    selfClaim: "Self-claim a relationship",
    emergency: "Emergency access",
    emergencyHint: "Only in an emergency: see relationships the patient has asked to keep private. This is audited.",
  },
  list: {
    heading: "Legitimate relationships",
    loading: "Loading relationships from Spine…",
    completeNote: "Complete list: every relationship, including frozen and closed ones, with its last status change.",
    simpleNote: "Current relationships (your role sees the simple list).",
    reference: "Spine reference",
    namesUnavailable: NAMES_UNAVAILABLE_MESSAGE,
  },
  table: {
    caption: "Legitimate relationships for this patient",
    columns: { status: "Status", type: "Type", subject: "Who", startDate: "Start date", author: "Recorded by", actions: "Actions" },
    filterStatus: "Status",
    filterType: "Type",
    filterAll: "All",
    showing: (shown: number, total: number) => `Showing ${shown} of ${total} relationships.`,
    sortedBy: (column: string, direction: "ascending" | "descending") => `Sorted by ${column.toLowerCase()}, ${direction}.`,
    empty: "There are no legitimate relationships recorded for this patient.",
    noMatches: "No relationships match these filters.",
    changeStatus: "Change status",
    lastChange: "Last change",
    ended: "Ended",
    accessReason: "Reason",
    userId: "User ID",
  } satisfies LrTableCopy,
} as const;
