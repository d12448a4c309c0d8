/** Every word in the emergency-access journey. */
export const emergencyCopy = {
  title: "Emergency access",
  errorPrefix: "Error: ",
  backToPatient: "Back to patient",
  errorSummaryTitle: "There is a problem",
  interruption: {
    heading: "You are about to use emergency access",
    body: [
      "Emergency access shows every legitimate relationship for this patient, including ones the patient has asked to keep private.",
      "Only use it when you need to, for the patient's care, and you cannot get their consent.",
      "Your access is recorded in the audit trail and your organisation's privacy officer is alerted. You may be asked to explain it.",
    ],
  },
  reason: {
    legend: "Why do you need emergency access?",
    textLabel: "Give details",
    textHint: "Say what the emergency is and why you cannot get the patient's consent.",
  },
  submit: "Use emergency access",
  submitting: "Asking Spine…",
  cancel: "Cancel and go back to the patient",
  result: {
    heading: "Emergency access: legitimate relationships",
    recorded: "Your emergency access has been recorded and your privacy officer has been alerted.",
    reference: "Spine reference",
  },
  failedHeading: "Emergency access did not work",
} as const;
