import "server-only";
import type { Kysely } from "kysely";
import { auditActionLabel } from "@/lib/ui/audit-action-names";
import { type AuditRow, type AuditSearchFilter, auditExportChunk } from "@/server/db/audit-search";
import type { Database } from "@/server/db/schema";

/**
 * The audit trail as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read it
 * as UTF-8), streamed: rows are read from the database in keyset chunks, newest first, and each
 * chunk is read only when the client has taken the previous one. Memory stays at about one chunk
 * whatever the size of the export. The hashes are included so a copy can be checked offline
 * against the chain (migration 0003).
 */
export const AUDIT_CSV_COLUMNS = [
  "id",
  "at_utc",
  "user_id",
  "role_profile_id",
  "organisation",
  "action",
  "action_name",
  "nhs_number",
  "outcome",
  "spine_message_id",
  "request_id",
  "details",
  "prev_hash",
  "row_hash",
] as const;

export const AUDIT_CSV_CHUNK_ROWS = 1_000;
const BOM = "\uFEFF";

/** One field: quoted when it must be; a leading = + - @ tab or CR is defused so no spreadsheet runs it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsvLine(row: AuditRow): string {
  return `${[
    row.id,
    row.at.toISOString(),
    row.actor_sub,
    row.role_id,
    row.org_code,
    row.action,
    auditActionLabel(row.action),
    row.nhs_number,
    row.outcome,
    row.spine_message_id,
    row.request_id,
    JSON.stringify(row.details),
    row.prev_hash,
    row.row_hash,
  ]
    .map(csvField)
    .join(",")}\r\n`;
}

export interface AuditCsvOptions {
  chunkRows?: number;
  /** Called once when the last row has been handed to the client. */
  onEnd?: (rows: number) => Promise<void>;
  /** Called once when the client went away or a read failed. */
  onAbort?: (rows: number, reason: string) => Promise<void>;
}

export function auditCsvStream(db: Kysely<Database>, filter: AuditSearchFilter, options: AuditCsvOptions = {}): ReadableStream<Uint8Array> {
  const chunkRows = options.chunkRows ?? AUDIT_CSV_CHUNK_ROWS;
  const encoder = new TextEncoder();
  let before: number | undefined;
  let rows = 0;
  let headerSent = false;
  let finished = false;
  const finish = async () => {
    finished = true;
    await options.onEnd?.(rows);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${BOM}${AUDIT_CSV_COLUMNS.join(",")}\r\n`));
          return;
        }
        let chunk: AuditRow[];
        try {
          chunk = await auditExportChunk(db, filter, before, chunkRows);
        } catch (error) {
          finished = true;
          await options.onAbort?.(rows, error instanceof Error ? error.message : String(error));
          controller.error(error);
          return;
        }
        if (chunk.length > 0) {
          controller.enqueue(encoder.encode(chunk.map(auditCsvLine).join("")));
          rows += chunk.length;
          before = chunk.at(-1)?.id;
        }
        if (chunk.length < chunkRows) {
          await finish();
          controller.close();
        }
      },
      async cancel(reason) {
        if (finished) return;
        finished = true;
        await options.onAbort?.(rows, `client cancelled: ${String(reason ?? "no reason")}`);
      },
    },
    // One chunk queued at most: the next database read waits for the client.
    { highWaterMark: 1 },
  );
}
