import "server-only";
import type { Coded } from "@/lib/hl7";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { type LrContext, queryAsUser, unexpectedReply } from "../lr-context";

/** "Does this user (or their workgroups) have an LR with this patient?" (QUPC_IN010000UK32, sync). */
export interface ConfirmLrInput {
  nhsNumber: NhsNumber;
  /** short → yes/no; historic → also the last relevant change. */
  responseType?: "short" | "historic";
  /** Workgroups to count as the user's own (SDS workgroup ids). */
  workgroupIds?: string[];
}

export interface ConfirmLrResult {
  messageId: string;
  lrExists: boolean;
  history?: { code?: Coded; effectiveTime?: string };
}

const RESPONSE_TYPE_CODES = { short: "01", historic: "02" } as const;

export async function confirmLr(ctx: LrContext, input: ConfirmLrInput): Promise<ConfirmLrResult> {
  const { nhsNumber } = input;
  const { messageId, reply } = await queryAsUser(
    ctx,
    {
      interactionId: "QUPC_IN010000UK32",
      payload: {
        nhsNumber,
        responseType: RESPONSE_TYPE_CODES[input.responseType ?? "short"],
        parameterList: { userId: ctx.userId, roleProfileId: ctx.roleProfileId, workgroupIds: input.workgroupIds ?? [] },
      },
    },
    { kind: "confirm-lr", description: "Check for a legitimate relationship" },
  );
  if (reply.interactionId === "QUPC_IN030000UK14") return { messageId, lrExists: reply.payload.lrExists };
  if (reply.interactionId === "QUPC_IN040000UK30") {
    const { lrExists, code, effectiveTime } = reply.payload;
    return { messageId, lrExists, history: { ...(code ? { code } : {}), ...(effectiveTime ? { effectiveTime } : {}) } };
  }
  throw unexpectedReply(reply.interactionId, messageId);
}
