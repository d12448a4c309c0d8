import type { UpdateOutcomeCopy } from "@/components/lr/update-outcome";

/** Every word in the self-claim journey. */
export const selfClaimCopy = {
  title: "Self-claim a relationship",
  back: "Back",
  backToPatient: "Back to patient",
  continue: "Continue",
  errorSummaryTitle: "There is a problem",
  errorPrefix: "Error: ",
  workgroupsUnavailable: {
    heading: "Your workgroups could not be checked",
    body: "You can still claim a relationship for yourself. To claim one for a workgroup, try again later.",
  },
  start: {
    title: "Self-claim a relationship",
    heading: "Self-claim a legitimate relationship",
    body: "Claim a relationship only if you are providing, or about to provide, care for this patient.",
    warningHeading: "Important",
    warning:
      "Self-claims are recorded and reviewed by your organisation's privacy officer. Claiming without a care reason is a breach of the patient's confidentiality.",
    start: "Start now",
  },
  type: {
    title: "Type of relationship",
    legend: "What type of relationship is this?",
    hint: "Most clinicians self-claim. Other types need a role that can create relationships.",
  },
  reason: {
    title: "Why you need access",
    heading: "Why do you need access to this patient's records?",
    codeLegend: "Reason",
    choose: "Select a reason",
    textLabel: "Give details",
    textHint:
      "For example, the patient has arrived in the emergency department. Do not include clinical details you would not share with the patient.",
  },
  subject: {
    title: "Who the relationship is for",
    legend: "Who is the relationship for?",
    hint: "A workgroup relationship lets everyone in the workgroup see the patient's records.",
    me: "Me",
    workgroupSuffix: "(workgroup)",
  },
  check: {
    title: "Check your answers",
    heading: "Check your answers before claiming",
    type: "Type",
    selfClaimed: "Self Claimed Relationship",
    reasonCode: "Reason",
    reasonText: "Details",
    subject: "For",
    change: "Change",
    submit: "Claim relationship",
    submitting: "Sending to Spine…",
  },
  outcome: {
    pendingHeading: "Waiting for Spine",
    pendingBody: "Spine has received your claim and is recording it. This page will update when Spine confirms it. Do not submit it again.",
    stillWaiting: "Spine has not confirmed the claim yet. It is not recorded until Spine confirms it. Check again in a few minutes.",
    checkAgain: "Check again",
    reference: "Spine message reference",
    confirmedTitle: "Relationship recorded",
    lrIdLabel: "Relationship reference",
    failedHeading: "The relationship was not recorded",
  } satisfies UpdateOutcomeCopy,
  whatNext: {
    heading: "What happens next",
    body: "You can now view this patient's records. Your organisation's privacy officer has been alerted and will review this self-claim.",
    bodyOtherType: "You can now view this patient's records. The relationship is recorded against your name and role.",
    patientLink: "Go to the patient's relationships",
  },
} as const;

export type SelfClaimCopy = typeof selfClaimCopy;
