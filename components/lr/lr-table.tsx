"use client";
import { useId, useMemo, useState } from "react";
import { allowedScReasons } from "@/lib/hl7/vocab/lr-status";
import type { LrRow, PatientLrList } from "@/lib/schemas/patient-lrs";
import { displayDate } from "@/lib/ui/clinical-dates";
import { filterLrRows, LR_STATUS_TAGS, type LrSortColumn, type SortDirection, sortLrRows, typesInRows } from "@/lib/ui/lr-rows";
import { LrStatusTag } from "./lr-status-tag";

export interface LrTableCopy {
  caption: string;
  columns: Record<LrSortColumn | "actions", string>;
  filterStatus: string;
  filterType: string;
  filterAll: string;
  showing: (shown: number, total: number) => string;
  sortedBy: (column: string, direction: SortDirection) => string;
  empty: string;
  noMatches: string;
  changeStatus: string;
  lastChange: string;
  ended: string;
  accessReason: string;
  /** Before the user id shown under a named person. */
  userId: string;
}

/**
 * The patient's LRs as an NHS sortable table (v10.6 markup: th[data-sort][aria-sort] with a
 * button), responsive at 320 px, with status and type filters. Status, author and history only
 * exist in the complete list, so those columns appear only for roles that see it.
 */
export function LrTable({
  list,
  copy,
  changeStatusHref,
}: {
  list: PatientLrList;
  copy: LrTableCopy;
  /** Set when the role may change status: the link for one row. */
  changeStatusHref?: (row: LrRow) => string;
}) {
  const complete = list.detail === "comprehensive";
  const [sort, setSort] = useState<{ column: LrSortColumn; direction: SortDirection }>({ column: "startDate", direction: "descending" });
  const [statusFilter, setStatusFilter] = useState("");
  const [typeFilter, setTypeFilter] = useState("");
  const filterId = useId();
  const types = useMemo(() => typesInRows(list.rows), [list.rows]);
  const rows = useMemo(
    () =>
      sortLrRows(
        filterLrRows(list.rows, { status: statusFilter as LrRow["status"] | "", typeCode: typeFilter }),
        sort.column,
        sort.direction,
      ),
    [list.rows, statusFilter, typeFilter, sort],
  );
  const columns: LrSortColumn[] = complete ? ["status", "type", "subject", "startDate", "author"] : ["type", "subject", "startDate"];
  const showActions = complete && changeStatusHref !== undefined;

  if (list.rows.length === 0) {
    return (
      <p className="nhsuk-inset-text" data-testid="lr-empty">
        {copy.empty}
      </p>
    );
  }

  function toggle(column: LrSortColumn) {
    setSort((current) =>
      current.column === column
        ? { column, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { column, direction: column === "startDate" ? "descending" : "ascending" },
    );
  }

  return (
    <div>
      <div className="flex flex-wrap gap-x-nhs-4">
        {complete ? (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor={`${filterId}-status`}>
              {copy.filterStatus}
            </label>
            <select
              className="nhsuk-select"
              id={`${filterId}-status`}
              value={statusFilter}
              onChange={(e) => setStatusFilter(e.target.value)}
            >
              <option value="">{copy.filterAll}</option>
              {Object.entries(LR_STATUS_TAGS).map(([status, tag]) => (
                <option key={status} value={status}>
                  {tag.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${filterId}-type`}>
            {copy.filterType}
          </label>
          <select
            className="nhsuk-select max-w-full"
            id={`${filterId}-type`}
            value={typeFilter}
            onChange={(e) => setTypeFilter(e.target.value)}
          >
            <option value="">{copy.filterAll}</option>
            {types.map((type) => (
              <option key={type.code} value={type.code}>
                {type.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="nhsuk-body-s" aria-live="polite" data-testid="lr-count">
        {copy.showing(rows.length, list.rows.length)} {copy.sortedBy(copy.columns[sort.column], sort.direction)}
      </p>
      {rows.length === 0 ? (
        <p className="nhsuk-inset-text">{copy.noMatches}</p>
      ) : (
        <table className="nhsuk-table-responsive" data-testid="lr-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{copy.caption}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              {columns.map((column) => (
                <th
                  key={column}
                  scope="col"
                  className="nhsuk-table__header"
                  data-sort=""
                  {...(sort.column === column ? { "aria-sort": sort.direction } : {})}
                >
                  <button type="button" className="nhsuk-link" onClick={() => toggle(column)}>
                    {copy.columns[column]}
                  </button>
                </th>
              ))}
              {showActions ? (
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">{copy.columns.actions}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((row) => (
              <tr key={row.lrId} className="nhsuk-table__row" data-testid="lr-row" data-lr-id={row.lrId} data-status={row.status ?? ""}>
                {complete ? (
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.status}{" "}
                    </span>
                    {row.status ? <LrStatusTag status={row.status} /> : null}
                    {row.lastChange ? (
                      <span className="nhsuk-body-s block nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                        {copy.lastChange}: {row.lastChange.reason} ({row.lastChange.by})
                      </span>
                    ) : null}
                  </td>
                ) : null}
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    {copy.columns.type}{" "}
                  </span>
                  {row.typeName}
                  {row.accessReason ? (
                    <span className="nhsuk-body-s block nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                      {copy.accessReason}: {row.accessReason}
                    </span>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    {copy.columns.subject}{" "}
                  </span>
                  {row.subject.label}
                  {row.subject.userId && !row.subject.label.includes(row.subject.userId) ? (
                    <span className="nhsuk-body-s block nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                      {copy.userId} {row.subject.userId}
                    </span>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    {copy.columns.startDate}{" "}
                  </span>
                  <span className="whitespace-nowrap">{displayDate(row.startDate)}</span>
                  {row.endDate ? (
                    <span className="nhsuk-body-s block nhsuk-u-margin-bottom-0">
                      {copy.ended} {displayDate(row.endDate)}
                    </span>
                  ) : null}
                </td>
                {complete ? (
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.author}{" "}
                    </span>
                    {row.author}
                  </td>
                ) : null}
                {showActions ? (
                  <td className="nhsuk-table__cell">
                    {row.status && row.mayChangeStatus && allowedScReasons(row.status).length > 0 && changeStatusHref ? (
                      <a href={changeStatusHref(row)} data-testid="change-status-link">
                        {copy.changeStatus}
                        <span className="nhsuk-u-visually-hidden">
                          {" "}
                          {row.typeName}, {row.subject.label}
                        </span>
                      </a>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
