import { z } from "zod";
import { BATCH_ROW_LIMIT, type RowProblem } from "@/lib/batch/parse-clinic-list";

/**
 * The batch LR check's API contract: POST /api/batch-checks (start: a clinic list as an upload
 * or pasted text, for me or one of my workgroups), GET /api/batch-checks (my checks),
 * GET /api/batch-checks/{id} (progress and summary), GET /api/batch-checks/{id}/rows (a page of
 * results: filter, search), GET /api/batch-checks/{id}/export (the CSV).
 */

export const BATCH_UPLOAD_MAX_BYTES = 4 * 1024 * 1024;

/** One of the multipart fields "list" (a file) or "pasted" (text) carries the list. */
export const startBatchCheckInput = z
  .object({
    list: z.string().max(BATCH_UPLOAD_MAX_BYTES).optional(),
    pasted: z.string().max(BATCH_UPLOAD_MAX_BYTES).optional(),
    fileName: z.string().max(200).optional(),
    subject: z.enum(["self", "workgroup"], { error: "Select who to check for" }),
    workgroupId: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,12}$/, "Select a workgroup")
      .optional(),
  })
  .refine((input) => (input.list ?? "").trim() !== "" || (input.pasted ?? "").trim() !== "", {
    message: "Upload a CSV file or paste a list of NHS numbers",
    path: ["list"],
  })
  .refine((input) => input.subject !== "workgroup" || input.workgroupId !== undefined, {
    message: "Select a workgroup",
    path: ["workgroupId"],
  });
export type StartBatchCheckInput = z.infer<typeof startBatchCheckInput>;

export const batchCheckIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, "There is no batch check with this reference.")
  .transform((value) => value.toUpperCase());
export const batchCheckParams = z.object({ id: batchCheckIdSchema });

export const BATCH_OUTCOMES = ["lr", "no-lr", "invalid", "spine-error"] as const;
export type BatchOutcome = (typeof BATCH_OUTCOMES)[number];

export const BATCH_PAGE_SIZE = 50;

export const batchRowsQuery = z.object({
  outcome: z.enum(BATCH_OUTCOMES).optional(),
  /** Digits of an NHS number (spaces allowed): rows whose number contains them. */
  search: z
    .string()
    .max(20)
    .transform((value) => value.replace(/\s+/g, ""))
    .refine((value) => /^\d*$/.test(value), "Search by NHS number, using numbers only")
    .optional(),
  page: z.coerce.number().int().min(1).max(BATCH_ROW_LIMIT).default(1),
});
export type BatchRowsQuery = z.infer<typeof batchRowsQuery>;

/** accepted → sent to Spine → reply received → results ready; or failed. */
export const BATCH_STATES = ["accepted", "sent", "replied", "ready", "failed"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export type BatchSubject = { kind: "self" } | { kind: "workgroup"; workgroupId: string; workgroupName?: string };

export interface BatchCounts {
  lr: number;
  noLr: number;
  invalid: number;
  spineError: number;
}

export interface BatchCheckStatus {
  id: string;
  state: BatchState;
  subject: BatchSubject;
  fileName?: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  rows: number;
  valid: number;
  rejected: number;
  rejectedBy: Partial<Record<RowProblem, number>>;
  /** Set once results are ready. */
  counts?: BatchCounts;
  /** The Spine message the batch was sent as (quote it to the service desk). */
  reference?: string;
  error?: { code: string; message: string };
}

export interface BatchRow {
  rowNo: number;
  entered: string;
  /** Ten digits when the row was sent. */
  nhsNumber?: string;
  outcome: BatchOutcome;
  /** Why: the row's problem, or Spine's issue text. */
  detail?: string;
}

export interface BatchRowsPage {
  rows: BatchRow[];
  page: number;
  pageSize: number;
  /** Rows matching the filter and search. */
  total: number;
}

export interface BatchCheckList {
  checks: BatchCheckStatus[];
}
