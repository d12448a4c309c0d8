import "server-only";
import { OUTCOME_TEXT } from "@/lib/batch/row-problems";
import { AppError } from "@/lib/errors/app-error";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { batchResults } from "@/server/db/batch-checks";
import type { LrContext } from "@/server/lr/lr-context";
import { ownedBatchCheck } from "./batch-check-record";

/**
 * A ready check as a CSV download: the list's own columns as given (its header, or "Column 1…"
 * with the NHS number column named), then the outcome columns. The results are read once and
 * streamed a thousand rows at a time, so a 10,000-row export never sits in memory as one string. A cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading "'".
 */
export const EXPORT_COLUMNS = ["NHS number checked", "Outcome", "Detail"] as const;

const ROWS_PER_CHUNK = 1_000;

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export async function exportBatchCheck(ctx: LrContext, id: string): Promise<Response> {
  const { rt, check } = await ownedBatchCheck(ctx, id);
  if (check.state !== "ready") throw new AppError("conflict", "The results of this check are not ready yet.");
  const width = Math.max(check.column_count, check.header?.length ?? 0, check.nhs_column + 1);
  const ownColumns = Array.from(
    { length: width },
    (_, i) => check.header?.[i] || (i === check.nhs_column ? "NHS number" : `Column ${i + 1}`),
  );
  const encoder = new TextEncoder();
  const results = await batchResults(rt.store.db, id);
  let from = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\ufeff${csvLine([...ownColumns, ...EXPORT_COLUMNS])}`));
        return;
      }
      const rows = results.slice(from, from + ROWS_PER_CHUNK);
      from += ROWS_PER_CHUNK;
      if (rows.length === 0) {
        controller.close();
        return;
      }
      let chunk = "";
      for (const row of rows) {
        const cells = Array.from({ length: width }, (_, i) => row.cells[i] ?? "");
        chunk += csvLine([...cells, row.nhsNumber ? formatNhsNumber(row.nhsNumber) : "", OUTCOME_TEXT[row.outcome], row.detail ?? ""]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  const day = check.created_at.toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="lr-batch-check-${day}-${check.id.slice(0, 8).toLowerCase()}.csv"`,
    },
  });
}
