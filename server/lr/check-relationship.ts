import "server-only";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { PatientRelationship } from "@/lib/schemas/patient-lrs";
import { auditedQuery } from "./audited-query";
import { confirmLr } from "./interactions/confirm-lr";
import type { LrContext } from "./lr-context";
import { myWorkgroups } from "./my-workgroups";

/**
 * "Your relationship with this patient": Spine's confirm query, asked for the user's role and the
 * workgroups it acts through, audited as one confirm query. Which LR makes it true is read from
 * the list on the page.
 */
export function checkRelationship(ctx: LrContext, nhsNumber: NhsNumber): Promise<PatientRelationship> {
  return auditedQuery(
    ctx,
    { action: AUDIT_ACTIONS.confirmQuery, nhsNumber },
    async () => {
      const workgroups = await myWorkgroups(ctx);
      const answer = await confirmLr(ctx, { nhsNumber, responseType: "short", workgroupIds: workgroups.map((w) => w.workgroupId) });
      return { nhsNumber, hasLr: answer.lrExists, reference: answer.messageId };
    },
    (relationship) => relationship.reference,
  );
}
