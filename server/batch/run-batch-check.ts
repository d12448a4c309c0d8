import "server-only";
import { rowProblemText } from "@/lib/batch/row-problems";
import { isAppError } from "@/lib/errors/app-error";
import type { BatchConfirmResult } from "@/lib/hl7";
import { normaliseNhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { BatchCounts } from "@/lib/schemas/batch-checks";
import { recordAudit } from "@/server/audit/record-audit";
import {
  type BatchCheckRecord,
  type BatchResult,
  completeBatchCheck,
  failBatchCheck,
  findBatchCheck,
  moveBatchCheck,
  outboxStateOf,
  rejectedRows,
  sendableNhsNumbers,
} from "@/server/db/batch-checks";
import { findByMessageId, type OutboxMessage } from "@/server/db/outbox";
import { readBatchConfirmReply, startBatchConfirmJob } from "@/server/lr/interactions/batch-confirm";
import { interactionPolicy } from "@/server/spine/interaction-policy";
import type { SpineRuntime } from "@/server/spine/spine-runtime";
import { jobContextOf } from "./batch-check-record";

/**
 * The batch check as a job, run on the server with nobody waiting for it: send the list to
 * Spine (or, after a restart, pick up where the stored rows say it got to), wait for the reply,
 * read it once, store every row's result and make the check final — with its one audit event, in
 * the same transaction. Safe to run again and on several instances: Spine's message is stored
 * under the check's MessageId (never stored twice, never re-sent once Spine accepted it), and only
 * one run can make the check final. Nothing per-patient is logged.
 */

const running = new Map<string, Promise<void>>();

/** Run (or join the run of) one check in this process. */
export function runBatchCheck(rt: SpineRuntime, id: string): Promise<void> {
  const existing = running.get(id);
  if (existing) return existing;
  const run = advance(rt, id)
    .catch((error: unknown) => {
      // The store went away (shutdown) or a bug: the check stays open and is resumed later.
      rt.log.error({ err: error, batchId: id }, "batch check could not be advanced; it will be resumed");
    })
    .finally(() => running.delete(id));
  running.set(id, run);
  return run;
}

export function isBatchCheckRunning(id: string): boolean {
  return running.has(id);
}

const SENT_POLL_MS = 200;

const NOT_SENT = { code: "spine_unavailable", message: "The list could not be sent to Spine. Start the check again." };

async function advance(rt: SpineRuntime, id: string): Promise<void> {
  const check = await findBatchCheck(rt.store.db, id);
  if (!check || check.state === "ready" || check.state === "failed") return;
  if (!check.spine_message_id) return complete(rt, check, []);
  let message = await findByMessageId(rt.store.db, check.spine_message_id);
  if (!message || message.state === "pending" || message.state === "sent") {
    try {
      message = await send(rt, check, check.spine_message_id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return fail(rt, check, { code: error.code, message: error.message });
    }
  }
  if (!message || (message.state !== "confirmed" && message.state !== "failed")) return; // still waiting: resumed later
  if (message.state === "failed") {
    const error = message.error ?? NOT_SENT;
    return fail(rt, check, { code: error.code, message: error.message });
  }
  await moveBatchCheck(rt.store.db, id, ["accepted", "sent"], "replied", rt.now());
  let results: BatchConfirmResult[];
  try {
    results = await readBatchConfirmReply(message);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return fail(rt, check, { code: error.code, message: error.message });
  }
  await complete(rt, check, results);
}

async function send(rt: SpineRuntime, check: BatchCheckRecord, messageId: string): Promise<OutboxMessage | undefined> {
  const rows = await sendableNhsNumbers(rt.store.db, check.id);
  const policy = interactionPolicy("QUPC_IN090000UK03", rt.options.timeScale);
  const ctx = jobContextOf(check, rt);
  const subject = check.subject;
  const sending = startBatchConfirmJob(ctx, {
    nhsNumbers: rows.map((row) => row.nhsNumber),
    ...(subject.kind === "workgroup" ? { workgroupIds: [subject.workgroupId] } : {}),
    messageId,
    waitMs: policy.replyTimeoutMs,
    operation: { batchId: check.id },
  });
  // Once Spine has the message (202), the check says "sent" while the reply is awaited.
  const sentWatch = watchForSent(rt, check.id, messageId, sending);
  try {
    return await sending;
  } finally {
    await sentWatch;
  }
}

async function watchForSent(rt: SpineRuntime, id: string, messageId: string, sending: Promise<unknown>): Promise<void> {
  let done = false;
  void sending.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, SENT_POLL_MS));
    // The state alone: the row also holds the 1.3 MB request, not worth reading five times a second.
    const state = await outboxStateOf(rt.store.db, messageId).catch(() => undefined);
    if (state && state !== "pending") {
      await moveBatchCheck(rt.store.db, id, ["accepted"], "sent", rt.now()).catch(() => false);
      return;
    }
  }
}

/** Every row's result: Spine's answer for each row sent, and why for each row that was not. */
function resultsFor(
  sent: { rowNo: number; nhsNumber: string }[],
  rejected: Awaited<ReturnType<typeof rejectedRows>>,
  answers: BatchConfirmResult[],
): { results: BatchResult[]; counts: BatchCounts; unasked: number } {
  const byNumber = new Map<string, BatchConfirmResult>();
  for (const answer of answers) byNumber.set(normaliseNhsNumber(answer.nhsNumber), answer);
  const counts: BatchCounts = { lr: 0, noLr: 0, invalid: rejected.length, spineError: 0 };
  const results: BatchResult[] = rejected.map((row) => ({
    rowNo: row.rowNo,
    outcome: "invalid",
    detail: rowProblemText(row.problem, row.duplicateOf),
  }));
  const asked = new Set<string>();
  for (const row of sent) {
    asked.add(row.nhsNumber);
    const answer = byNumber.get(row.nhsNumber);
    if (!answer) {
      counts.spineError++;
      results.push({ rowNo: row.rowNo, outcome: "spine-error", detail: "Spine did not answer for this patient" });
    } else if (answer.kind === "status") {
      if (answer.hasLr) counts.lr++;
      else counts.noLr++;
      results.push({ rowNo: row.rowNo, outcome: answer.hasLr ? "lr" : "no-lr" });
    } else {
      counts.spineError++;
      results.push({
        rowNo: row.rowNo,
        outcome: "spine-error",
        detail: answer.issue.displayName ?? `Spine could not check this patient (code ${answer.issue.code})`,
      });
    }
  }
  const unasked = [...byNumber.keys()].filter((nhsNumber) => !asked.has(nhsNumber)).length;
  return { results, counts, unasked };
}

function auditBase(check: BatchCheckRecord) {
  return {
    action: AUDIT_ACTIONS.batchCheck,
    actor: {
      sub: check.owner_sub,
      roleProfileId: check.role_id,
      orgCode: check.org_code,
      ...(check.session_id ? { sessionId: check.session_id } : {}),
    },
    spineMessageId: check.spine_message_id,
    requestId: check.request_id,
  };
}

/** Counts only: an audit event never lists the patients of a batch. */
function auditDetails(check: BatchCheckRecord) {
  return {
    batchId: check.id,
    subject: check.subject.kind,
    ...(check.subject.kind === "workgroup" ? { workgroupId: check.subject.workgroupId } : {}),
    rows: check.row_count,
    sent: check.valid_count,
    rejected: check.row_count - check.valid_count,
  };
}

async function complete(rt: SpineRuntime, check: BatchCheckRecord, answers: BatchConfirmResult[]): Promise<void> {
  const [sent, rejected] = await Promise.all([sendableNhsNumbers(rt.store.db, check.id), rejectedRows(rt.store.db, check.id)]);
  const { results, counts, unasked } = resultsFor(sent, rejected, answers);
  const done = await completeBatchCheck(rt.store.db, check.id, { results, counts, now: rt.now() }, (trx) =>
    recordAudit({ ...auditBase(check), outcome: "success", details: { ...auditDetails(check), ...counts } }, trx),
  );
  if (done) {
    rt.log.info({ batchId: check.id, spineMessageId: check.spine_message_id, ...counts, unasked }, "batch check results ready");
  }
}

async function fail(rt: SpineRuntime, check: BatchCheckRecord, error: { code: string; message: string }): Promise<void> {
  const done = await failBatchCheck(rt.store.db, check.id, { error, now: rt.now() }, (trx) =>
    recordAudit({ ...auditBase(check), outcome: "failure", details: { ...auditDetails(check), error: error.code } }, trx),
  );
  if (done) rt.log.warn({ batchId: check.id, spineMessageId: check.spine_message_id, error: error.code }, "batch check failed");
}
