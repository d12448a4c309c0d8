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
  type BatchListRow,
  type BatchResult,
  batchListRows,
  completeBatchCheck,
  failBatchCheck,
  findBatchCheck,
  moveBatchCheck,
  outboxErrorOf,
  outboxStateOf,
} from "@/server/db/batch-checks";
import type { OutboxState } from "@/server/db/schema";
import { readBatchConfirmReply, startBatchConfirmJob, yieldToEventLoop } from "@/server/lr/interactions/batch-confirm";
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

/** The runs in progress, per Spine runtime (one per app instance; tests make several). */
const runs = new WeakMap<SpineRuntime, Map<string, Promise<void>>>();

function runsOf(rt: SpineRuntime): Map<string, Promise<void>> {
  let running = runs.get(rt);
  if (!running) {
    running = new Map();
    runs.set(rt, running);
  }
  return running;
}

/** Run (or join the run of) one check in this process. */
export function runBatchCheck(rt: SpineRuntime, id: string): Promise<void> {
  const running = runsOf(rt);
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

export function isBatchCheckRunning(rt: SpineRuntime, id: string): boolean {
  return runsOf(rt).has(id);
}

/** How often a running job looks at its Spine message's state (one small column, not the 4 MB row). */
const STATE_POLL_MS = 100;

const NOT_SENT = { code: "spine_unavailable", message: "The list could not be sent to Spine. Start the check again." };

async function advance(rt: SpineRuntime, id: string): Promise<void> {
  const check = await findBatchCheck(rt.store.db, id);
  if (!check || check.state === "ready" || check.state === "failed") return;
  const messageId = check.spine_message_id;
  if (!messageId) return complete(rt, check, []);
  let state = await outboxStateOf(rt.store.db, messageId);
  if (state === undefined || state === "pending") {
    try {
      await send(rt, check, messageId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return fail(rt, check, { code: error.code, message: error.message });
    }
    state = await outboxStateOf(rt.store.db, messageId);
  }
  if (state === "sent") await moveBatchCheck(rt.store.db, id, ["accepted"], "sent", rt.now());
  if (state === "pending" || state === "sent") {
    state = await finalStateOf(rt, messageId, interactionPolicy("QUPC_IN090000UK03", rt.options.timeScale).replyTimeoutMs);
  }
  if (state !== "confirmed" && state !== "failed") return; // still waiting: the batch worker resumes it later
  if (state === "failed") {
    const error = (await outboxErrorOf(rt.store.db, messageId)) ?? NOT_SENT;
    return fail(rt, check, { code: error.code, message: error.message });
  }
  await moveBatchCheck(rt.store.db, id, ["accepted", "sent"], "replied", rt.now());
  let results: BatchConfirmResult[];
  try {
    results = await readBatchConfirmReply(rt.store.db, messageId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return fail(rt, check, { code: error.code, message: error.message });
  }
  await complete(rt, check, results);
}

/** Build, store and send the list (the outbox row then says "sent", or is already final). */
async function send(rt: SpineRuntime, check: BatchCheckRecord, messageId: string): Promise<void> {
  // Each step on a 10,000-row list takes a few tens of ms; other requests run between them.
  await yieldToEventLoop();
  const rows = await batchListRows(rt.store.db, check.id);
  await yieldToEventLoop();
  const subject = check.subject;
  await startBatchConfirmJob(jobContextOf(check, rt), {
    nhsNumbers: sendable(rows).map((row) => row.nhsNumber),
    ...(subject.kind === "workgroup" ? { workgroupIds: [subject.workgroupId] } : {}),
    messageId,
    // Not waited on there: the job below watches the state alone.
    waitMs: 0,
    operation: { batchId: check.id },
  });
}

/** The message's state once final (confirmed or failed), or as it stands when `timeoutMs` has passed. */
async function finalStateOf(rt: SpineRuntime, messageId: string, timeoutMs: number): Promise<OutboxState | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await outboxStateOf(rt.store.db, messageId);
    if (state === "confirmed" || state === "failed" || Date.now() >= deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, STATE_POLL_MS));
  }
}

/** The rows that go to Spine, in list order. */
function sendable(rows: BatchListRow[]): { rowNo: number; nhsNumber: string }[] {
  const sent: { rowNo: number; nhsNumber: string }[] = [];
  for (const row of rows) if (row.nhsNumber !== null) sent.push({ rowNo: row.rowNo, nhsNumber: row.nhsNumber });
  return sent;
}

/** Every row's result: Spine's answer for each row sent, and why for each row that was not. */
function resultsFor(rows: BatchListRow[], answers: BatchConfirmResult[]): { results: BatchResult[]; counts: BatchCounts; unasked: number } {
  const sent = sendable(rows);
  const rejected = rows.flatMap((row) => (row.problem ? [{ rowNo: row.rowNo, problem: row.problem, duplicateOf: row.duplicateOf }] : []));
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
  await yieldToEventLoop();
  const rows = await batchListRows(rt.store.db, check.id);
  await yieldToEventLoop();
  const { results, counts, unasked } = resultsFor(rows, answers);
  await yieldToEventLoop();
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
