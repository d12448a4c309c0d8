import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { BatchCheckStatus, BatchState } from "@/lib/schemas/batch-checks";
import { type BatchCheckRecord, findBatchCheck } from "@/server/db/batch-checks";
import type { OutboxMessage } from "@/server/db/outbox";
import { logger } from "@/server/log/logger";
import { type LrContext, ownerOf, runtimeOf } from "@/server/lr/lr-context";
import type { SpineRuntime } from "@/server/spine/spine-runtime";

/**
 * What the batch operations share: a check as its owner sees it (anyone else gets not_found, so
 * ids cannot be probed), its progress, and the LR context a job runs as when nobody is waiting
 * for it (after a restart, on whichever instance resumes it).
 */

/** Only the user who started a check may see it (their session subject). */
export async function ownedBatchCheck(ctx: LrContext, id: string): Promise<{ rt: SpineRuntime; check: BatchCheckRecord }> {
  const rt = await runtimeOf(ctx);
  const check = await findBatchCheck(rt.store.db, id);
  if (!check || check.owner_sub !== ownerOf(ctx) || check.expires_at <= rt.now()) {
    throw new AppError("not_found", "There is no batch check with this reference. Results are deleted after a while: start a new check.");
  }
  return { rt, check };
}

/** Progress shown: the check's own state, or — while it runs — how far its Spine message has got. */
export function progressOf(check: BatchCheckRecord, message: OutboxMessage | undefined): BatchState {
  if (check.state === "ready" || check.state === "failed" || check.state === "replied") return check.state;
  if (message?.state === "confirmed" || message?.state === "failed") return "replied";
  if (message?.state === "sent" || check.state === "sent") return "sent";
  return "accepted";
}

export function batchCheckStatus(check: BatchCheckRecord, state: BatchState = check.state): BatchCheckStatus {
  return {
    id: check.id,
    state,
    subject: check.subject,
    ...(check.file_name ? { fileName: check.file_name } : {}),
    createdAt: check.created_at.toISOString(),
    updatedAt: check.updated_at.toISOString(),
    expiresAt: check.expires_at.toISOString(),
    rows: check.row_count,
    valid: check.valid_count,
    rejected: check.row_count - check.valid_count,
    rejectedBy: check.rejected_by,
    ...(check.counts ? { counts: check.counts } : {}),
    ...(check.spine_message_id ? { reference: check.spine_message_id } : {}),
    ...(check.error ? { error: check.error } : {}),
  };
}

/** The LR context a stored check runs as: the user and role that started it, on this runtime. */
export function jobContextOf(check: BatchCheckRecord, rt: SpineRuntime): LrContext {
  return {
    userId: check.owner_sub,
    roleProfileId: check.role_id,
    orgCode: check.org_code ?? "",
    jobRoleCode: check.job_role_code,
    sessionSub: check.owner_sub,
    ...(check.session_id ? { sessionId: check.session_id } : {}),
    ...(check.request_id ? { requestId: check.request_id } : {}),
    log: logger.child({ component: "batch-check", batchId: check.id }),
    spine: rt,
  };
}
