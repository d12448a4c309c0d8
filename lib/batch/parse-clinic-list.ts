import { isSyntheticNhsNumber, type NhsNumber, validateNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * A clinic list for the batch LR check, read and checked before anything is sent: a CSV (a
 * column of NHS numbers, header row optional, every other column kept and echoed back in the
 * results) or a pasted list (one number per line, spaces allowed). Each row is checked on its
 * own — bad check digit, wrong length, letters, a repeat of an earlier row, and in training mode a
 * number outside the synthetic range — and the rest of the list goes ahead. No I/O: the page runs
 * it for "check your answers" and the server runs it again before it stores or sends anything.
 */

export const BATCH_ROW_LIMIT = 10_000;
export const BATCH_COLUMN_LIMIT = 50;
export const BATCH_CELL_LIMIT = 200;

export type RowProblem = "empty" | "format" | "length" | "check_digit" | "duplicate" | "not_synthetic";

export const ROW_PROBLEMS: readonly RowProblem[] = ["empty", "format", "length", "check_digit", "duplicate", "not_synthetic"];

export interface ClinicListRow {
  /** 1-based position among the data rows (the header is not counted). */
  rowNo: number;
  /** The NHS number cell as given. */
  entered: string;
  /** Every cell of the row as given (the NHS number cell included). */
  cells: string[];
  /** Set when the row is sent to Spine. */
  nhsNumber?: NhsNumber;
  problem?: RowProblem;
  /** For a duplicate: the row it repeats. */
  duplicateOf?: number;
}

export interface ClinicList {
  /** The header row, when the list has one. */
  header?: string[];
  /** Which column holds the NHS numbers (0-based). */
  nhsColumn: number;
  /** The widest row's column count. */
  columnCount: number;
  rows: ClinicListRow[];
  counts: { rows: number; valid: number; rejected: number; byProblem: Record<RowProblem, number> };
}

export type ClinicListProblem =
  | { kind: "empty" }
  | { kind: "too_many_rows"; found: number; limit: number }
  | { kind: "too_many_columns"; rowNo: number; limit: number }
  | { kind: "cell_too_long"; rowNo: number; limit: number }
  | { kind: "unclosed_quote"; rowNo: number };

export type ClinicListResult = { ok: true; list: ClinicList } | { ok: false; problem: ClinicListProblem };

export interface ParseClinicListOptions {
  /** Training mode: only synthetic NHS numbers (999 000 0000 – 999 999 9999) may be sent. */
  trainingMode: boolean;
  rowLimit?: number;
}

/**
 * RFC 4180 records (quotes, doubled quotes, CRLF or LF); the separator is a comma, or a tab for
 * tab-separated text. A line with no quote in it — nearly every line of a clinic list — is split
 * as a whole; a line with one is read character by character, as the RFC says.
 */
function readRecords(text: string): { records: string[][] } | { unclosedAt: number } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  // Where the next line ending is, found once per line (not searched again from every record).
  let nextLf = -1;
  let nextCr = -1;
  while (i < body.length) {
    if (!quoted && cell === "" && record.length === 0) {
      if (nextLf < i) nextLf = body.indexOf("\n", i) === -1 ? body.length : body.indexOf("\n", i);
      if (nextCr < i) nextCr = body.indexOf("\r", i) === -1 ? body.length : body.indexOf("\r", i);
      const end = Math.min(nextLf, nextCr);
      const line = body.slice(i, end);
      if (!line.includes('"')) {
        if (end < body.length) {
          records.push(line.split(separator));
          i = end + (body[end] === "\r" && body[end + 1] === "\n" ? 2 : 1);
          continue;
        }
        if (line !== "") records.push(line.split(separator));
        i = body.length;
        continue;
      }
    }
    const c = body[i];
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === separator) {
      record.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      if (c === "\r" && body[i + 1] === "\n") i++;
    } else cell += c;
    i++;
  }
  if (quoted) return { unclosedAt: records.length + 1 };
  if (cell !== "" || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return { records };
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");
const looksLikeNhsNumber = (cell: string) => /^\d{10}$/.test(cell.replace(/[\s-]/g, ""));
/** A heading, not a mistyped number: letters (and spaces, dots, underscores, hyphens, #) only. */
const looksLikeHeading = (cell: string) => /^[A-Za-z][A-Za-z .,_#()/-]*$/.test(cell.trim());

function nhsColumnOf(records: string[][], header: string[] | undefined): number {
  const named = header?.findIndex((cell) => /nhs/i.test(cell)) ?? -1;
  if (named >= 0) return named;
  const width = Math.max(...records.slice(0, 50).map((r) => r.length));
  let best = 0;
  let bestHits = -1;
  for (let column = 0; column < width; column++) {
    const hits = records.slice(0, 50).filter((r) => looksLikeNhsNumber(r[column] ?? "")).length;
    if (hits > bestHits) {
      best = column;
      bestHits = hits;
    }
  }
  return best;
}

export function parseClinicList(text: string, options: ParseClinicListOptions): ClinicListResult {
  const rowLimit = options.rowLimit ?? BATCH_ROW_LIMIT;
  const read = readRecords(text);
  if ("unclosedAt" in read) return { ok: false, problem: { kind: "unclosed_quote", rowNo: read.unclosedAt } };
  const records = read.records.filter((record) => !isBlank(record));
  if (records.length === 0) return { ok: false, problem: { kind: "empty" } };

  const first = records[0] ?? [];
  // A header names its columns: one of them says NHS, or every filled cell is a heading.
  const hasHeader =
    !first.some(looksLikeNhsNumber) &&
    (first.some((cell) => /nhs/i.test(cell)) || first.filter((cell) => cell.trim() !== "").every(looksLikeHeading));
  const header = hasHeader ? first.map((cell) => cell.trim()) : undefined;
  const data = hasHeader ? records.slice(1) : records;
  if (data.length === 0) return { ok: false, problem: { kind: "empty" } };
  if (data.length > rowLimit) return { ok: false, problem: { kind: "too_many_rows", found: data.length, limit: rowLimit } };

  const nhsColumn = nhsColumnOf(data, header);
  const byProblem = Object.fromEntries(ROW_PROBLEMS.map((p) => [p, 0])) as Record<RowProblem, number>;
  const firstRowOf = new Map<string, number>();
  const rows: ClinicListRow[] = [];
  let columnCount = header?.length ?? 0;
  for (const [index, cells] of data.entries()) {
    const rowNo = index + 1;
    if (cells.length > BATCH_COLUMN_LIMIT) return { ok: false, problem: { kind: "too_many_columns", rowNo, limit: BATCH_COLUMN_LIMIT } };
    if (cells.some((cell) => cell.length > BATCH_CELL_LIMIT))
      return { ok: false, problem: { kind: "cell_too_long", rowNo, limit: BATCH_CELL_LIMIT } };
    columnCount = Math.max(columnCount, cells.length);
    const entered = (cells[nhsColumn] ?? "").trim();
    const row: ClinicListRow = { rowNo, entered, cells };
    const checked = validateNhsNumber(entered);
    if (!checked.ok) row.problem = checked.problem;
    else if (firstRowOf.has(checked.nhsNumber)) {
      row.problem = "duplicate";
      row.duplicateOf = firstRowOf.get(checked.nhsNumber);
    } else if (options.trainingMode && !isSyntheticNhsNumber(checked.nhsNumber)) row.problem = "not_synthetic";
    else {
      row.nhsNumber = checked.nhsNumber;
      firstRowOf.set(checked.nhsNumber, rowNo);
    }
    if (row.problem) byProblem[row.problem]++;
    rows.push(row);
  }
  const valid = rows.length - Object.values(byProblem).reduce((a, b) => a + b, 0);
  return {
    ok: true,
    list: {
      ...(header ? { header } : {}),
      nhsColumn,
      columnCount,
      rows,
      counts: { rows: rows.length, valid, rejected: rows.length - valid, byProblem },
    },
  };
}
