import type { WorkgroupChangeOutcomeCopy } from "@/components/workgroups/workgroup-change-outcome";

/** Every word in "Remove a member". */
export const removeMemberCopy = {
  title: "Remove a member",
  back: "Back",
  backToWorkgroup: "Back to the workgroup",
  continue: "Continue",
  cancel: "Cancel",
  errorSummaryTitle: "There is a problem",
  errorPrefix: "Error: ",
  notYours: "You can only remove members of your own organisation's workgroups.",
  notMember: (roleProfileId: string, workgroup: string) => `Role profile ${roleProfileId} is not a member of ${workgroup}.`,
  interruption: {
    title: "What removing them means",
    heading: (name: string, workgroup: string) => `${name} will lose access through ${workgroup}`,
    body: (workgroup: string) => [
      `Once Spine confirms the change, this role profile can no longer see patients through ${workgroup}'s legitimate relationships.`,
      "They keep any relationship held in their own name. If they still care for these patients, they will need another relationship to see their records.",
    ],
    roleProfile: (roleProfileId: string, jobRole: string) => `Role profile ${roleProfileId} (${jobRole})`,
  },
  reason: {
    title: "Why you are removing them",
    textLabel: "Why are you removing them?",
    textHint: "For example, who approved it and why. This is kept in the audit trail.",
  },
  check: {
    title: "Check your answers",
    heading: "Check your answers before removing the member",
    workgroup: "Workgroup",
    user: "User",
    userId: "User ID",
    roleProfile: "Role profile",
    reason: "Reason",
    change: "Change",
    submit: "Remove member",
    submitting: "Sending to Spine…",
  },
  outcome: {
    pendingHeading: "Waiting for Spine",
    pendingBody: "Spine has received the change and is recording it. This page will update when Spine confirms it. Do not submit it again.",
    stillWaiting: "Spine has not confirmed the change yet. It is not made until Spine confirms it. Check again in a few minutes.",
    checkAgain: "Check again",
    reference: "Spine message reference",
    failedHeading: "The member was not removed",
    returning: "Spine has confirmed the change",
    backToWorkgroup: "Go to the workgroup",
  } satisfies WorkgroupChangeOutcomeCopy,
} as const;
