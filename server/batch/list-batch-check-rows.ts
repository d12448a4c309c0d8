import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { BATCH_PAGE_SIZE, type BatchRowsPage, type BatchRowsQuery } from "@/lib/schemas/batch-checks";
import { pageOfResults } from "@/server/db/batch-checks";
import type { LrContext } from "@/server/lr/lr-context";
import { ownedBatchCheck } from "./batch-check-record";

/**
 * A page of a ready check's results (50 rows), in list order, filtered by outcome and searched by
 * NHS number digits in the database: the browser never holds 10,000 rows.
 */
export async function listBatchCheckRows(ctx: LrContext, id: string, query: BatchRowsQuery): Promise<BatchRowsPage> {
  const { rt, check } = await ownedBatchCheck(ctx, id);
  if (check.state !== "ready") throw new AppError("conflict", "The results of this check are not ready yet.");
  const { rows, total } = await pageOfResults(rt.store.db, id, {
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.search ? { search: query.search } : {}),
    offset: (query.page - 1) * BATCH_PAGE_SIZE,
    limit: BATCH_PAGE_SIZE,
  });
  return {
    rows: rows.map((row) => ({
      rowNo: row.rowNo,
      entered: row.entered,
      ...(row.nhsNumber ? { nhsNumber: row.nhsNumber } : {}),
      outcome: row.outcome,
      ...(row.detail ? { detail: row.detail } : {}),
    })),
    page: query.page,
    pageSize: BATCH_PAGE_SIZE,
    total,
  };
}
