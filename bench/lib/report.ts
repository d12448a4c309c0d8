import { TARGETS, type Target, type TargetId } from "@/bench/targets";

/**
 * Turning figures into a printed table. A row may name a target; its status is then
 * ok / near (missed by no more than the target's noise allowance) / MISSED.
 */

export type TargetStatus = "ok" | "near" | "MISSED";

export interface Figure {
  /** What was measured, e.g. "QUPC_IN010000UK32 parse". */
  subject: string;
  /** Which figure, e.g. "p50". */
  metric: string;
  value: number;
  unit: string;
  targetId?: TargetId;
}

export function evaluate(value: number, target: Target): TargetStatus {
  if (!Number.isFinite(value)) return "MISSED";
  const slack = (Math.abs(target.value) * target.tolerancePct) / 100;
  if (target.direction === "atLeast") {
    if (value >= target.value) return "ok";
    return value >= target.value - slack ? "near" : "MISSED";
  }
  if (value <= target.value) return "ok";
  return value <= target.value + slack ? "near" : "MISSED";
}

/** Human figures: 3 significant digits for small values, thousands separators for big ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1_000) return Math.round(value).toLocaleString("en-GB");
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude === 0) return "0";
  return value.toPrecision(3);
}

function formatTarget(target: Target): string {
  const sign = target.direction === "atLeast" ? "≥" : "≤";
  return `${sign} ${formatNumber(target.value)} ${target.unit}${target.inferred ? " (INFERRED)" : ""}`;
}

export interface TableRow {
  subject: string;
  metric: string;
  value: string;
  target: string;
  status: string;
}

export function toRows(figures: readonly Figure[]): TableRow[] {
  return figures.map((figure) => {
    const target = figure.targetId ? TARGETS[figure.targetId] : undefined;
    return {
      subject: figure.subject,
      metric: figure.metric,
      value: `${formatNumber(figure.value)} ${figure.unit}`,
      target: target ? formatTarget(target) : "—",
      status: target ? evaluate(figure.value, target) : "",
    };
  });
}

const COLUMNS: readonly { key: keyof TableRow; title: string; align: "left" | "right" }[] = [
  { key: "subject", title: "case", align: "left" },
  { key: "metric", title: "metric", align: "left" },
  { key: "value", title: "measured", align: "right" },
  { key: "target", title: "target", align: "left" },
  { key: "status", title: "status", align: "left" },
];

/** A plain-text table (monospace, pipe-separated so it pastes into Markdown). */
export function renderTable(rows: readonly TableRow[]): string {
  const widths = COLUMNS.map((column) => Math.max(column.title.length, ...rows.map((row) => row[column.key].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (COLUMNS[i]?.align === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const header = line(COLUMNS.map((column) => column.title));
  const rule = `|${widths.map((width, i) => (COLUMNS[i]?.align === "right" ? `${"-".repeat(width + 1)}:` : `${"-".repeat(width + 2)}`)).join("|")}|`;
  return [header, rule, ...rows.map((row) => line(COLUMNS.map((column) => row[column.key])))].join("\n");
}

/** A free-form detail table (no targets), printed above the target table. */
export interface DetailTable {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

export interface BenchReport {
  title: string;
  notes: string[];
  details?: DetailTable[];
  figures: Figure[];
}

export function renderDetailTable(table: DetailTable): string {
  const widths = table.columns.map((title, i) => Math.max(title.length, ...table.rows.map((row) => (row[i] ?? "").length)));
  // First column is a label (left), the rest are figures (right-aligned so digits line up).
  const pad = (cell: string, i: number) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0));
  const line = (cells: readonly string[]) => `| ${table.columns.map((_, i) => pad(cells[i] ?? "", i)).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [table.title, line(table.columns), rule, ...table.rows.map(line)].join("\n");
}

/** Count of figures per status, for the one-line summary under each table. */
export function summarise(figures: readonly Figure[]): Record<TargetStatus, number> {
  const counts: Record<TargetStatus, number> = { ok: 0, near: 0, MISSED: 0 };
  for (const figure of figures) {
    if (figure.targetId) counts[evaluate(figure.value, TARGETS[figure.targetId])]++;
  }
  return counts;
}

export function renderReport(report: BenchReport): string {
  const counts = summarise(report.figures);
  const missed = report.figures.filter((figure) => figure.targetId && evaluate(figure.value, TARGETS[figure.targetId]) === "MISSED");
  const lines = [`== ${report.title} ==`, ...report.notes.map((note) => `   ${note}`), ""];
  for (const table of report.details ?? []) lines.push(renderDetailTable(table), "");
  lines.push(renderTable(toRows(report.figures)), "");
  lines.push(`targets: ${counts.ok} ok, ${counts.near} near (within noise allowance), ${counts.MISSED} MISSED`);
  for (const figure of missed) {
    lines.push(
      `MISSED: ${figure.subject} ${figure.metric} = ${formatNumber(figure.value)} ${figure.unit}; target ${formatTarget(TARGETS[figure.targetId as TargetId])}`,
    );
  }
  return lines.join("\n");
}

/** Where each target came from, printed once under a bench's table. */
export function renderSources(figures: readonly Figure[]): string {
  const ids = [...new Set(figures.flatMap((figure) => (figure.targetId ? [figure.targetId] : [])))];
  return ids.map((id) => `  [${id}] ${TARGETS[id].source}`).join("\n");
}
