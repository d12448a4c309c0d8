import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import type { AuditAction } from "@/lib/schemas/audit";
import { recordAudit } from "@/server/audit/record-audit";
import { auditActorOf, type LrContext, runtimeOf } from "./lr-context";

/**
 * A Spine query as one audited action: exactly one event, "success" with the Spine message id of
 * the answer, or "failure" with the error code and the message id Spine failed on. (Updates are
 * audited by the outbox instead: their outcome may arrive later, on another instance.)
 */
export async function auditedQuery<T>(
  ctx: LrContext,
  event: { action: AuditAction; nhsNumber?: NhsNumber; details?: Record<string, unknown> },
  query: () => Promise<T>,
  spineMessageIdOf: (result: T) => string,
): Promise<T> {
  const { db } = (await runtimeOf(ctx)).store;
  const base = { action: event.action, actor: auditActorOf(ctx), nhsNumber: event.nhsNumber ?? null, requestId: ctx.requestId ?? null };
  let result: T;
  try {
    result = await query();
  } catch (error) {
    await recordAudit(
      {
        ...base,
        outcome: "failure",
        spineMessageId: isAppError(error) ? (error.reference ?? null) : null,
        details: { ...event.details, error: isAppError(error) ? error.code : "internal" },
      },
      db,
    );
    throw error;
  }
  await recordAudit({ ...base, outcome: "success", spineMessageId: spineMessageIdOf(result), details: event.details ?? {} }, db);
  return result;
}
