import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { WorkgroupInfo } from "@/lib/hl7";
import { type LrContext, queryAsUser, unexpectedReply } from "../lr-context";

/** Details of SDS workgroups by id (QUPC_IN041234UK01). */
export async function queryWorkgroups(
  ctx: LrContext,
  input: { workgroupIds: string[] },
): Promise<{ messageId: string; workgroups: WorkgroupInfo[] }> {
  if (input.workgroupIds.length === 0) {
    throw new AppError("invalid_input", "Give at least one workgroup.", { fields: { workgroupIds: "Give at least one workgroup" } });
  }
  const { messageId, reply } = await queryAsUser(
    ctx,
    { interactionId: "QUPC_IN041234UK01", payload: { workgroupIds: input.workgroupIds } },
    { kind: "workgroup-query", description: "Look up workgroups" },
  );
  if (reply.interactionId !== "REPC_IN130007UK01") throw unexpectedReply(reply.interactionId, messageId);
  return { messageId, workgroups: reply.payload.workgroups };
}
