import type { UpdateOutcomeCopy } from "@/components/lr/update-outcome";

/** Every word in the change-status journey. */
export const changeStatusCopy = {
  title: "Change relationship status",
  errorPrefix: "Error: ",
  backToPatient: "Back to patient",
  errorSummaryTitle: "There is a problem",
  current: "Current status",
  relationship: "Relationship",
  reference: "Relationship reference",
  closed: "This relationship is closed. A closed relationship cannot be changed.",
  unavailableHeading: "The relationship could not be loaded",
  notAllowed: {
    heading: "You cannot change this relationship",
    body: "You can only change the status of relationships held by you or by your own workgroups. A privacy officer at the organisation that holds this relationship can change it.",
  },
  reason: {
    title: "Why is the status changing",
    legend: "Why is this relationship changing?",
    hint: "Only the reasons that apply to a relationship with this status are shown.",
    effects: {
      active: "Keeps or makes the relationship active",
      frozen: "Freezes the relationship",
      closed: "Closes the relationship (this cannot be undone)",
    },
  },
  continue: "Continue",
  check: {
    title: "Check your answers",
    heading: "Check the change before you send it",
    reason: "Reason",
    newStatus: "New status",
    change: "Change",
    submit: "Change status",
    submitting: "Sending to Spine…",
  },
  outcome: {
    pendingHeading: "Waiting for Spine",
    pendingBody: "Spine has received the change and is recording it. This page will update when Spine confirms it. Do not submit it again.",
    stillWaiting: "Spine has not confirmed the change yet. It is not recorded until Spine confirms it. Check again in a few minutes.",
    checkAgain: "Check again",
    reference: "Spine message reference",
    confirmedTitle: "Status changed",
    lrIdLabel: "Relationship reference",
    failedHeading: "The status was not changed",
  } satisfies UpdateOutcomeCopy,
  whatNext: "The patient's list of relationships now shows the new status.",
  patientLink: "Go to the patient's relationships",
} as const;
