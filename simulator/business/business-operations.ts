import type { Hl7Request, RequestInteractionId, RequestPayloads } from "@/lib/hl7";
import { batchConfirmQuery } from "@/simulator/business/batch-confirm-query";
import type { BusinessContext, BusinessOutcome } from "@/simulator/business/business-context";
import { changeLrStatus } from "@/simulator/business/change-lr-status";
import { confirmLrQuery } from "@/simulator/business/confirm-lr-query";
import { createLr } from "@/simulator/business/create-lr";
import { lrDetailsQuery } from "@/simulator/business/lr-details-query";
import { receiveAlert } from "@/simulator/business/receive-alert";
import { userRoleProfileQuery } from "@/simulator/business/user-role-profile-query";
import { addToWorkgroup, removeFromWorkgroup } from "@/simulator/business/workgroup-membership";
import { workgroupQuery } from "@/simulator/business/workgroup-query";

type Operation<K extends RequestInteractionId> = (context: BusinessContext, payload: RequestPayloads[K]) => Promise<BusinessOutcome>;

/** Which business operation answers which request interaction. */
export const businessOperations: { [K in RequestInteractionId]: Operation<K> } = {
  REPC_IN010000UK15: createLr,
  REPC_IN040000UK15: changeLrStatus,
  QUPC_IN010000UK32: confirmLrQuery,
  QUPC_IN020000UK17: lrDetailsQuery,
  QUPC_IN090000UK03: batchConfirmQuery,
  QUPC_IN010102UK01: userRoleProfileQuery,
  QUPC_IN041234UK01: workgroupQuery,
  REPC_IN130002UK01: addToWorkgroup,
  REPC_IN130004UK01: removeFromWorkgroup,
  COMT_IN000001UK01: receiveAlert,
};

export function runBusinessOperation(context: Omit<BusinessContext, "header">, request: Hl7Request): Promise<BusinessOutcome> {
  const operation = businessOperations[request.interactionId] as Operation<typeof request.interactionId>;
  return operation({ ...context, header: request.header }, request.payload as never);
}

/** Every NHS number a request names (fault matching, journal). */
export function nhsNumbersOf(request: Hl7Request): string[] {
  switch (request.interactionId) {
    case "QUPC_IN090000UK03":
      return request.payload.nhsNumbers;
    case "REPC_IN010000UK15":
    case "REPC_IN040000UK15":
    case "QUPC_IN010000UK32":
    case "QUPC_IN020000UK17":
    case "COMT_IN000001UK01":
      return [request.payload.nhsNumber];
    default:
      return [];
  }
}
