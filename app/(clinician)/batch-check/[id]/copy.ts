import type { BatchOutcome, BatchState } from "@/lib/schemas/batch-checks";

/** Every word on a batch check's progress and results page. */
export const batchResultsCopy = {
  title: "Batch check",
  back: "Check another list",
  heading: "Checking your list",
  readyHeading: "Results of your batch check",
  failedHeading: "The batch check did not finish",
  forMe: "for you",
  forWorkgroup: (name: string) => `for ${name}`,
  progressLabel: "Progress",
  steps: [
    ["accepted", "List accepted"],
    ["sent", "Sent to Spine"],
    ["replied", "Reply received"],
    ["ready", "Results ready"],
  ] as const satisfies readonly (readonly [BatchState, string])[],
  stepDone: "Done",
  stepNow: "In progress",
  stepWaiting: "Waiting",
  progressHint: "You can leave this page: the check carries on, and you can come back to it from the batch check page.",
  announce: (step: string) => `Batch check: ${step}`,
  reference: "Reference",
  expires: (when: string) => `These results will be deleted on ${when}.`,
  failedWhatNext: "Start the check again. If it keeps failing, contact your IT service desk and quote the reference.",
  errorText: {
    spine_timeout: "Spine did not answer in time.",
    spine_unavailable: "Spine could not be reached or its answer could not be read.",
    spine_rejected: "Spine did not accept the list.",
    spine_business_error: "Spine could not check the list.",
  } as Record<string, string>,
  summary: {
    heading: "Summary",
    lr: "Have an LR",
    noLr: "No LR",
    invalid: "Invalid (not checked)",
    spineError: "Spine could not check",
    total: "Rows in the list",
  },
  filter: {
    legend: "Show rows",
    all: "All",
    search: "Search by NHS number",
    searchHint: "All or part of the number, for example 999 001",
    apply: "Show results",
    clear: "Clear search",
  },
  outcomes: {
    lr: "LR",
    "no-lr": "No LR",
    invalid: "Invalid",
    "spine-error": "Spine error",
  } satisfies Record<BatchOutcome, string>,
  table: {
    caption: (from: number, to: number, total: number) =>
      total === 0
        ? "No rows match"
        : `Rows ${from.toLocaleString("en-GB")} to ${to.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}`,
    row: "Row",
    nhsNumber: "NHS number",
    outcome: "Outcome",
    detail: "Detail",
    selfClaim: "Open patient to self-claim",
    selfClaimFor: (nhs: string) => ` for ${nhs}`,
    loading: "Loading results…",
  },
  paging: { previous: "Previous", next: "Next", page: (page: number, pages: number) => `Page ${page} of ${pages}` },
  download: "Download results (CSV)",
  downloadHint: "Your list's own columns, then the NHS number checked, the outcome and the detail.",
} as const;
