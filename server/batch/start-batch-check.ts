import "server-only";
import { randomUUID } from "node:crypto";
import { type ClinicListProblem, parseClinicList } from "@/lib/batch/parse-clinic-list";
import { AppError } from "@/lib/errors/app-error";
import { newMessageId } from "@/lib/hl7";
import type { BatchCheckStatus, BatchSubject, StartBatchCheckInput } from "@/lib/schemas/batch-checks";
import { config } from "@/server/config";
import { insertBatchCheck } from "@/server/db/batch-checks";
import { yieldToEventLoop } from "@/server/lr/interactions/batch-confirm";
import { type LrContext, ownerOf, runtimeOf } from "@/server/lr/lr-context";
import { myWorkgroups } from "@/server/lr/my-workgroups";
import { batchCheckStatus } from "./batch-check-record";
import { ensureBatchWorker } from "./batch-worker";
import { runBatchCheck } from "./run-batch-check";

/**
 * Start a batch LR check: read and check the clinic list (every row on its own; a list over
 * 10,000 rows is refused, saying how many it has), store the check with its rows and the Spine
 * MessageId it will be sent as, and answer at once ("accepted"); the job then runs on the server
 * (run-batch-check.ts) while the page polls. A workgroup must be one the role belongs to in SDS.
 */
export interface StartBatchCheckOptions {
  /** false: store the check but leave running it to the batch worker (tests of a stopped app). */
  run?: boolean;
}

function listProblemText(problem: ClinicListProblem): string {
  switch (problem.kind) {
    case "empty":
      return "The list has no NHS numbers. Upload a CSV file or paste at least one NHS number.";
    case "too_many_rows":
      return `The list has ${problem.found.toLocaleString("en-GB")} rows. You can check up to ${problem.limit.toLocaleString("en-GB")} patients at a time: split the list and check each part.`;
    case "too_many_columns":
      return `Row ${problem.rowNo} has more than ${problem.limit} columns. Remove the columns you do not need.`;
    case "cell_too_long":
      return `Row ${problem.rowNo} has a value longer than ${problem.limit} characters.`;
    case "unclosed_quote":
      return `The file cannot be read: a quoted value that starts in row ${problem.rowNo} is never closed.`;
  }
}

async function subjectFor(ctx: LrContext, input: StartBatchCheckInput): Promise<BatchSubject> {
  if (input.subject === "self" || !input.workgroupId) return { kind: "self" };
  const workgroup = (await myWorkgroups(ctx, { required: true })).find((w) => w.workgroupId === input.workgroupId);
  if (!workgroup) {
    throw new AppError("invalid_input", "You can only check for a workgroup you belong to.", {
      fields: { workgroupId: "Select yourself or one of your workgroups" },
    });
  }
  return { kind: "workgroup", workgroupId: workgroup.workgroupId, workgroupName: workgroup.name };
}

export async function startBatchCheck(
  ctx: LrContext,
  input: StartBatchCheckInput,
  options: StartBatchCheckOptions = {},
): Promise<BatchCheckStatus> {
  const settings = config();
  const text = input.list?.trim() ? input.list : (input.pasted ?? "");
  const parsed = parseClinicList(text, { trainingMode: settings.LR_MODE === "training" });
  if (!parsed.ok) {
    const message = listProblemText(parsed.problem);
    throw new AppError("invalid_input", message, { fields: { [input.list?.trim() ? "list" : "pasted"]: message } });
  }
  const subject = await subjectFor(ctx, input);
  // Reading 10,000 rows took tens of ms: let other requests run before storing them.
  await yieldToEventLoop();
  const rt = await runtimeOf(ctx);
  const now = rt.now();
  const check = await insertBatchCheck(rt.store.db, {
    id: randomUUID().toUpperCase(),
    ownerSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    orgCode: ctx.orgCode || null,
    jobRoleCode: ctx.jobRoleCode,
    ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    subject,
    // Chosen (and stored) before anything is sent, so a restart knows which Spine message is this check's.
    spineMessageId: parsed.list.counts.valid > 0 ? newMessageId() : null,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    list: parsed.list,
    now,
    expiresAt: new Date(now.getTime() + settings.BATCH_RESULT_RETENTION_HOURS * 3_600_000),
  });
  ctx.log.info({ batchId: check.id, rows: check.row_count, sent: check.valid_count, subject: subject.kind }, "batch check accepted");
  ensureBatchWorker(rt);
  if (options.run !== false) void runBatchCheck(rt, check.id);
  return batchCheckStatus(check);
}
