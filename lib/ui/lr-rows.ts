import type { LrStatus } from "@/lib/hl7/vocab/lr-status";
import type { LrRow } from "@/lib/schemas/patient-lrs";

export type LrSortColumn = "status" | "type" | "subject" | "startDate" | "author";
export type SortDirection = "ascending" | "descending";

/** Active first, then frozen, then closed: the order a clinician cares about. */
const STATUS_ORDER: Record<LrStatus, number> = { active: 0, frozen: 1, closed: 2 };

const SORT_KEYS: Record<LrSortColumn, (row: LrRow) => string | number> = {
  status: (row) => (row.status ? STATUS_ORDER[row.status] : 9),
  type: (row) => row.typeName.toLowerCase(),
  subject: (row) => row.subject.label.toLowerCase(),
  startDate: (row) => row.startDate ?? "",
  author: (row) => (row.author ?? "").toLowerCase(),
};

/** Stable sort; ties keep Spine's order (newest first). */
export function sortLrRows(rows: readonly LrRow[], column: LrSortColumn, direction: SortDirection): LrRow[] {
  const key = SORT_KEYS[column];
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const ka = key(a.row);
      const kb = key(b.row);
      if (ka < kb) return -sign;
      if (ka > kb) return sign;
      return a.index - b.index;
    })
    .map(({ row }) => row);
}

export interface LrFilter {
  status?: LrStatus | "";
  typeCode?: string;
}

export function filterLrRows(rows: readonly LrRow[], filter: LrFilter): LrRow[] {
  return rows.filter((row) => (!filter.status || row.status === filter.status) && (!filter.typeCode || row.typeCode === filter.typeCode));
}

/** The types present in a list, for the type filter (only offer what can match). */
export function typesInRows(rows: readonly LrRow[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row.typeCode)) seen.set(row.typeCode, row.typeName);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** NHS tag colour per status (data): green active, orange frozen, grey closed. */
export const LR_STATUS_TAGS: Record<LrStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "nhsuk-tag--green" },
  frozen: { label: "Frozen", className: "nhsuk-tag--orange" },
  closed: { label: "Closed", className: "nhsuk-tag--grey" },
};

/** How the viewer holds an LR, from the list: directly and/or through which of their workgroups. */
export function howIHoldIt(rows: readonly LrRow[]): { direct: boolean; workgroups: string[] } {
  const current = rows.filter((row) => row.subject.mine && row.status !== "closed" && row.status !== "frozen");
  return {
    direct: current.some((row) => row.subject.kind === "me"),
    workgroups: [...new Set(current.flatMap((row) => (row.subject.workgroupName ? [row.subject.workgroupName] : [])))],
  };
}
