/** Every word on the patient review page (opened from an alert). */
export const reviewCopy = {
  title: "Review patient",
  back: "Back to the alert",
  caption: "Review for alert",
  heading: "Legitimate relationships and audit trail",
  lrs: {
    heading: "Every legitimate relationship (from Spine)",
    reference: (messageId: string) => `Spine message ${messageId}`,
  },
  audit: {
    heading: "What happened in LR Manager",
    lead: "Events recorded by LR Manager in your organisation for this patient, newest first.",
    when: "When",
    who: "Who",
    action: "Action",
    outcome: "Outcome",
    spine: "Spine message",
    none: "Nothing has been recorded for this patient.",
  },
  unavailable: "The patient's relationships could not be read from Spine.",
} as const;
