/**
 * The self-claim's questions, its check page and its outcome: loaded when the person clicks
 * "Start now" (self-claim-flow.tsx), not with the page, whose first view is the static start page.
 */
export { SelfClaimCheckStep } from "./self-claim-check-step";
export { SelfClaimOutcomeStep } from "./self-claim-outcome-step";
export { SelfClaimReasonStep } from "./self-claim-reason-step";
export { SelfClaimSubjectStep } from "./self-claim-subject-step";
export { SelfClaimTypeStep } from "./self-claim-type-step";
