import type { ReactNode } from "react";

/**
 * NHS design-system markup (nhsuk-frontend classes) that server components can render:
 * nhsuk-react-components is a client module, and its compound parts (`Table.Row`, `SummaryList.Key`)
 * are not reachable through a client reference from a server component.
 */
export interface DataRow {
  key: string;
  cells: readonly ReactNode[];
  testId?: string;
  /** Extra data-* attributes for tests and styling. */
  data?: Record<`data-${string}`, string>;
}

/** A table that stacks each row into labelled cells on narrow screens (NHS responsive table, no sideways scroll at 320 px). */
export function DataTable({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: readonly ReactNode[];
  rows: readonly DataRow[];
  testId?: string;
}) {
  return (
    <table className="nhsuk-table-responsive" data-testid={testId}>
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          {head.map((cell, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns, never reordered
            <th className="nhsuk-table__header" scope="col" key={index}>
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => (
          <tr className="nhsuk-table__row" key={row.key} data-testid={row.testId} {...row.data}>
            {row.cells.map((cell, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns, never reordered
              <td className="nhsuk-table__cell" key={index}>
                <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                  {head[index]}{" "}
                </span>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SummaryRows({ rows, testId }: { rows: readonly (readonly [string, ReactNode])[]; testId?: string }) {
  return (
    <dl className="nhsuk-summary-list" data-testid={testId}>
      {rows.map(([key, value]) => (
        <div className="nhsuk-summary-list__row" key={key}>
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function NhsTag({ colour, children }: { colour: "green" | "grey" | "red" | "blue"; children: ReactNode }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{children}</strong>;
}
