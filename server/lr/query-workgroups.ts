import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { WorkgroupInfo } from "@/lib/hl7";
import { sendQuery } from "@/server/spine/send-query";
import { type LrContext, newMessageHeader, ownerOf, runtimeOf, unexpectedReply } from "./lr-context";

/** Details of SDS workgroups by id (QUPC_IN041234UK01). */
export async function queryWorkgroups(ctx: LrContext, input: { workgroupIds: string[] }): Promise<{ messageId: string; workgroups: WorkgroupInfo[] }> {
  if (input.workgroupIds.length === 0) {
    throw new AppError("invalid_input", "Give at least one workgroup.", { fields: { workgroupIds: "Give at least one workgroup" } });
  }
  const rt = await runtimeOf(ctx);
  const header = newMessageHeader(ctx, rt);
  const reply = await sendQuery(rt, {
    request: { interactionId: "QUPC_IN041234UK01", header, payload: { workgroupIds: input.workgroupIds } },
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    operation: { kind: "workgroup-query", description: "Look up workgroups" },
  });
  if (reply.interactionId !== "REPC_IN130007UK01") throw unexpectedReply(reply.interactionId, header.messageId);
  return { messageId: header.messageId, workgroups: reply.payload.workgroups };
}
