import "server-only";
import type { PatientRelationship } from "@/lib/ui/lr-rows";
import { confirmLr, type LrContext } from "@/server/lr";
import { myWorkgroups } from "./my-workgroups";

/**
 * "Your relationship with this patient": Spine's confirm query, asked for the user's role and the
 * workgroups it acts through. Which LR makes it true is read from the list on the page.
 */
export async function getPatientRelationship(ctx: LrContext, nhsNumber: string): Promise<PatientRelationship> {
  const workgroups = await myWorkgroups(ctx);
  const answer = await confirmLr(ctx, { nhsNumber, responseType: "short", workgroupIds: workgroups.map((w) => w.workgroupId) });
  return { nhsNumber, hasLr: answer.lrExists, reference: answer.messageId };
}
