import { type ChangeLrStatusRequest, formatHl7Timestamp } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";
import { applyStatusChange } from "@/simulator/business/lr-records";

/** REPC_IN040000UK15 → REPC_IN050000UK13, following the data-driven reason → transition map. */
export async function changeLrStatus(context: BusinessContext, request: ChangeLrStatusRequest): Promise<BusinessOutcome> {
  const lr = await context.db.selectFrom("legitimate_relationships").selectAll().where("lr_id", "=", request.lrId).executeTakeFirst();
  if (!lr) return businessError("lrNotFound", `LR ${request.lrId} does not exist`);
  if (lr.nhs_number !== request.nhsNumber) {
    return businessError("lrPatientMismatch", `LR ${request.lrId} is not an LR of patient ${request.nhsNumber}`);
  }
  if (lr.status === "closed") return businessError("lrAlreadyClosed", `LR ${request.lrId} is closed`);
  const author =
    request.author.kind === "user"
      ? { roleProfileId: request.author.roleProfileId, userId: request.author.userId }
      : { asid: request.author.asid };
  const next = await applyStatusChange(context.db, {
    lr,
    scReasonCode: request.reasonCode,
    at: formatHl7Timestamp(context.config.now()),
    author,
  });
  if (next === undefined) {
    return businessError("lrTransitionNotAllowed", `reason ${request.reasonCode} is not allowed on a ${lr.status} LR`);
  }
  return reply("REPC_IN050000UK13", { lrId: lr.lr_id });
}
