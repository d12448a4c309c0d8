import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Hl7Reply } from "@/lib/hl7";
import type { OperationStatus } from "@/lib/schemas/operations";
import { findByMessageId } from "@/server/db/outbox";
import type { OutboxState } from "@/server/db/schema";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { storedReply } from "@/server/spine/send-update";

export type { OperationStatus };

import type { SpineRuntime } from "@/server/spine/spine-runtime";

/**
 * GET /api/operations/{id}: the status of an update that answered "pending". The id is the
 * Spine MessageId; only the user who started the operation may read it — anyone else gets
 * not_found, so ids cannot be probed.
 */

const UI_STATE: Record<OutboxState, OperationStatus["state"]> = {
  pending: "pending",
  sent: "pending",
  confirmed: "confirmed",
  failed: "failed",
};

const MESSAGE_ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** The parts of a confirmation worth showing; queries are answered live, so they show nothing here. */
function resultOf(reply: Hl7Reply): OperationStatus["result"] {
  switch (reply.interactionId) {
    case "REPC_IN020000UK13":
    case "REPC_IN050000UK13":
      return { lrId: reply.payload.lrId };
    case "REPC_IN130003UK01":
    case "REPC_IN130005UK01":
      return reply.payload.flag ? { flag: reply.payload.flag.value } : {};
    default:
      return undefined;
  }
}

export interface GetOperationStatusContext {
  /** The signed-in user's session subject. */
  sessionSub: string;
  spine?: SpineRuntime;
}

export async function getOperationStatus(ctx: GetOperationStatusContext, operationId: string): Promise<OperationStatus> {
  const notFound = new AppError("not_found", "There is no operation with this reference.");
  if (!MESSAGE_ID.test(operationId)) throw notFound;
  const rt = ctx.spine ?? (await getSpineRuntime());
  const message = await findByMessageId(rt.store.db, operationId.toUpperCase());
  if (!message || message.actorSub === null || message.actorSub !== ctx.sessionSub) throw notFound;
  const status: OperationStatus = {
    operationId: message.messageId,
    state: UI_STATE[message.state],
    kind: message.operation.kind,
    ...(message.operation.description ? { description: message.operation.description } : {}),
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
  // Queries (a 10,000-patient batch reply is 2.8 MB) show no result here: their replies are not parsed on every poll.
  if (message.state === "confirmed" && message.operation.category !== "query") {
    try {
      const result = resultOf(storedReply(message));
      if (result) status.result = result;
    } catch {
      // Confirmed but unreadable reply: state stays confirmed (Spine said AA), without details.
    }
  }
  if (message.state === "failed") {
    const error = message.error ?? { code: "spine_unavailable", message: "Spine could not complete this." };
    status.error = { code: error.code, message: error.message, reference: message.messageId, retryable: error.retryable === true };
  }
  return status;
}
