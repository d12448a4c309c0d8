import "server-only";
import type { Kysely } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import { type BatchConfirmResult, isHl7CodecError } from "@/lib/hl7";
import { buildBatchConfirmQueryInSlices } from "@/lib/hl7/messages/batch-confirm-query-slices";
import { readBatchConfirmationInSlices } from "@/lib/hl7/messages/batch-confirmation-chunks";
import { normaliseNhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";
import { type OutboxMessage, replyBodyOf } from "@/server/db/outbox";
import type { Database } from "@/server/db/schema";
import { takeCompletingReply } from "@/server/spine/inbound-reply-reader";
import { sendBuiltQueryAsJob } from "@/server/spine/send-query";
import { STORED_MESSAGE_PARSE_OPTIONS } from "@/server/spine/spine-options";
import { assertSendable } from "@/server/spine/validate-before-send";
import { type LrContext, newMessageHeader, ownerOf, queryAsUser, runtimeOf, unexpectedReply } from "../lr-context";

/** One user against up to 10 000 patients (QUPC_IN090000UK03): which of them have an LR with the user. */
export interface BatchConfirmInput {
  nhsNumbers: string[];
  workgroupIds?: string[];
}

export const BATCH_CONFIRM_LIMIT = 10_000;

/**
 * Ten digits is all the message needs. A wrong check digit is Spine's per-patient answer (a
 * DetectedIssueEvent for that patient), so one mistyped number in a list of thousands comes back
 * as that patient's error instead of refusing the whole list.
 */
function listedNhsNumber(value: string, field: string): string {
  const result = validateNhsNumber(value);
  if (result.ok) return result.nhsNumber;
  if (result.problem === "check_digit") return normaliseNhsNumber(value);
  throw new AppError("invalid_input", "Each NHS number must be 10 digits.", { fields: { [field]: "Enter a 10-digit NHS number" } });
}

export async function batchConfirm(
  ctx: LrContext,
  input: BatchConfirmInput,
): Promise<{ messageId: string; results: BatchConfirmResult[] }> {
  if (input.nhsNumbers.length < 1 || input.nhsNumbers.length > BATCH_CONFIRM_LIMIT) {
    throw new AppError("invalid_input", `Give between 1 and ${BATCH_CONFIRM_LIMIT} NHS numbers.`, {
      fields: { nhsNumbers: "Between 1 and 10,000" },
    });
  }
  const nhsNumbers = input.nhsNumbers.map((n, i) => listedNhsNumber(n, `nhsNumbers.${i}`));
  const { messageId, reply } = await queryAsUser(
    ctx,
    {
      interactionId: "QUPC_IN090000UK03",
      payload: {
        nhsNumbers,
        parameterList: { userId: ctx.userId, roleProfileId: ctx.roleProfileId, workgroupIds: input.workgroupIds ?? [] },
      },
    },
    { kind: "batch-confirm", description: "Check relationships for a list of patients", patients: nhsNumbers.length },
  );
  if (reply.interactionId !== "QUPC_IN250000UK02") throw unexpectedReply(reply.interactionId, messageId);
  return { messageId, results: reply.payload.results };
}

/**
 * The batch as a job (the batch LR check, server/batch): the request is built in slices so a
 * 10,000-patient message never holds the event loop, checked by Spine's rules on its skeleton,
 * stored under `messageId` (chosen and recorded by the caller first, so a restart finds it), sent,
 * and waited on for up to `waitMs`. Returns the outbox row as it then stands; its reply is read by
 * `readBatchConfirmReply`, once.
 */
export async function startBatchConfirmJob(
  ctx: LrContext,
  input: BatchConfirmInput & { messageId: string; waitMs: number; operation?: Record<string, unknown> },
): Promise<OutboxMessage | undefined> {
  if (input.nhsNumbers.length < 1 || input.nhsNumbers.length > BATCH_CONFIRM_LIMIT) {
    throw new AppError("invalid_input", `Give between 1 and ${BATCH_CONFIRM_LIMIT} NHS numbers.`);
  }
  const rt = await runtimeOf(ctx);
  const header = { ...newMessageHeader(ctx, rt, "QUPC_IN090000UK03"), messageId: input.messageId };
  const outbound = await buildBatchConfirmQueryInSlices(
    {
      interactionId: "QUPC_IN090000UK03",
      header,
      payload: {
        nhsNumbers: input.nhsNumbers.map((n, i) => listedNhsNumber(n, `nhsNumbers.${i}`)),
        parameterList: { userId: ctx.userId, roleProfileId: ctx.roleProfileId, workgroupIds: input.workgroupIds ?? [] },
      },
    },
    { pause: yieldToEventLoop, checkSkeleton: (skeleton) => assertSendable(skeleton, input.messageId) },
  );
  return sendBuiltQueryAsJob(rt, {
    outbound,
    waitMs: input.waitMs,
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    operation: {
      kind: "batch-confirm",
      description: "Check relationships for a list of patients",
      patients: input.nhsNumbers.length,
      orgCode: ctx.orgCode,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      ...input.operation,
    },
  });
}

/** Lets other requests run between slices of a big build or read. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The confirmation list of a confirmed batch message, read once: as the inbound route read it, when
 * the reply landed on this instance; else from the stored body, in slices (never the whole 2.8 MB
 * at once).
 */
export async function readBatchConfirmReply(db: Kysely<Database>, messageId: string): Promise<BatchConfirmResult[]> {
  let reply = takeCompletingReply(messageId);
  if (!reply) {
    const body = await replyBodyOf(db, messageId);
    if (!body) throw unreadable(messageId);
    try {
      ({ reply } = await readBatchConfirmationInSlices(body, { ...STORED_MESSAGE_PARSE_OPTIONS, pause: yieldToEventLoop }));
    } catch (error) {
      if (isHl7CodecError(error)) throw unreadable(messageId);
      throw error;
    }
  }
  if (reply.interactionId !== "QUPC_IN250000UK02") throw unexpectedReply(reply.interactionId, messageId);
  return reply.payload.results;
}

function unreadable(messageId: string): AppError {
  return new AppError("spine_unavailable", "Spine answered but its answer could not be read.", { reference: messageId });
}
