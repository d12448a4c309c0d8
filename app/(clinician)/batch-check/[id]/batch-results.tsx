"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Radios, SummaryList, TextInput } from "nhsuk-react-components";
import { type FormEvent, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { NhsNumber } from "@/components/patient/nhs-number";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { BATCH_OUTCOMES, type BatchCheckStatus, type BatchOutcome, type BatchRowsPage } from "@/lib/schemas/batch-checks";
import { batchResultsCopy as copy } from "./copy";

interface Filter {
  outcome?: BatchOutcome;
  search: string;
  page: number;
}

function rowsUrl(id: string, filter: Filter): string {
  const query = new URLSearchParams({ page: String(filter.page) });
  if (filter.outcome) query.set("outcome", filter.outcome);
  if (filter.search) query.set("search", filter.search);
  return `/api/batch-checks/${id}/rows?${query}`;
}

/**
 * A ready check: the summary, the download, and the results one page (50 rows) at a time, filtered
 * by outcome and searched by NHS number on the server, so 10,000 rows never load at once. Each
 * "no LR" row links to the patient's page, where the user can self-claim.
 */
export function BatchResults({ status }: { status: BatchCheckStatus }) {
  const counts = status.counts ?? { lr: 0, noLr: 0, invalid: 0, spineError: 0 };
  const countOf: Record<BatchOutcome, number> = {
    lr: counts.lr,
    "no-lr": counts.noLr,
    invalid: counts.invalid,
    "spine-error": counts.spineError,
  };
  const [filter, setFilter] = useState<Filter>({ search: "", page: 1 });
  const [draft, setDraft] = useState<{ outcome?: BatchOutcome; search: string }>({ search: "" });
  const rows = useQuery({
    queryKey: ["batch-check", status.id, "rows", filter],
    queryFn: ({ signal }) => apiFetch<BatchRowsPage>(rowsUrl(status.id, filter), { signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const number = (n: number) => n.toLocaleString("en-GB");

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter({ ...(draft.outcome ? { outcome: draft.outcome } : {}), search: draft.search.replace(/\s+/g, ""), page: 1 });
  }

  const page = rows.data;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const from = page && page.total > 0 ? (page.page - 1) * page.pageSize + 1 : 0;
  const to = page ? Math.min(page.total, page.page * page.pageSize) : 0;

  return (
    <>
      <h2 className="nhsuk-heading-m">{copy.summary.heading}</h2>
      <SummaryList data-testid="batch-summary">
        {(
          [
            [copy.summary.total, status.rows],
            [copy.summary.lr, counts.lr],
            [copy.summary.noLr, counts.noLr],
            [copy.summary.invalid, counts.invalid],
            [copy.summary.spineError, counts.spineError],
          ] as const
        ).map(([key, value]) => (
          <SummaryList.Row key={key}>
            <SummaryList.Key>{key}</SummaryList.Key>
            <SummaryList.Value>{number(value)}</SummaryList.Value>
          </SummaryList.Row>
        ))}
      </SummaryList>
      {status.reference ? (
        <p className="nhsuk-body-s">
          {copy.reference}: {status.reference}
        </p>
      ) : null}
      <p className="nhsuk-body-s">{copy.expires(new Date(status.expiresAt).toLocaleString("en-GB", { timeZone: "Europe/London" }))}</p>
      <p>
        <a
          className="nhsuk-button nhsuk-button--secondary"
          href={`/api/batch-checks/${status.id}/export`}
          download
          data-testid="download-csv"
        >
          {copy.download}
        </a>
      </p>
      <p className="nhsuk-body-s">{copy.downloadHint}</p>

      <form noValidate onSubmit={apply} data-testid="results-filter">
        <Radios name="outcome" legend={copy.filter.legend} legendProps={{ size: "s" }} inline>
          <Radios.Item id="outcome" value="" checked={!draft.outcome} onChange={() => setDraft({ ...draft, outcome: undefined })}>
            {copy.filter.all} ({number(status.rows)})
          </Radios.Item>
          {BATCH_OUTCOMES.map((outcome) => (
            <Radios.Item
              key={outcome}
              id={`outcome-${outcome}`}
              value={outcome}
              checked={draft.outcome === outcome}
              onChange={() => setDraft({ ...draft, outcome })}
            >
              {copy.outcomes[outcome]} ({number(countOf[outcome])})
            </Radios.Item>
          ))}
        </Radios>
        <TextInput
          id="search"
          name="search"
          label={copy.filter.search}
          labelProps={{ size: "s" }}
          hint={copy.filter.searchHint}
          inputMode="numeric"
          width={10}
          value={draft.search}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <Button type="submit" secondary>
          {copy.filter.apply}
        </Button>
      </form>

      {rows.error ? (
        <p className="nhsuk-error-message" role="alert">
          {(rows.error as { message?: string }).message}
        </p>
      ) : null}
      <table className="nhsuk-table" data-testid="batch-results" aria-busy={rows.isFetching}>
        <caption className="nhsuk-table__caption" aria-live="polite">
          {page ? copy.table.caption(from, to, page.total) : copy.table.loading}
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              {copy.table.row}
            </th>
            <th scope="col" className="nhsuk-table__header">
              {copy.table.nhsNumber}
            </th>
            <th scope="col" className="nhsuk-table__header">
              {copy.table.outcome}
            </th>
            <th scope="col" className="nhsuk-table__header">
              {copy.table.detail}
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {(page?.rows ?? []).map((row) => (
            <tr key={row.rowNo} className="nhsuk-table__row" data-outcome={row.outcome}>
              <td className="nhsuk-table__cell">{row.rowNo}</td>
              <td className="nhsuk-table__cell">{row.nhsNumber ? <NhsNumber value={row.nhsNumber} /> : row.entered}</td>
              <td className="nhsuk-table__cell">{copy.outcomes[row.outcome]}</td>
              <td className="nhsuk-table__cell">
                {row.outcome === "no-lr" && row.nhsNumber ? (
                  <a href={`/patients/${row.nhsNumber}`}>
                    {copy.table.selfClaim}
                    <span className="nhsuk-u-visually-hidden">{copy.table.selfClaimFor(formatNhsNumber(row.nhsNumber))}</span>
                  </a>
                ) : (
                  (row.detail ?? "")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && pages > 1 ? (
        <nav className="nhsuk-pagination" aria-label="Results pages">
          <ul className="nhsuk-list nhsuk-pagination__list">
            {filter.page > 1 ? (
              <li className="nhsuk-pagination-item--previous">
                <a
                  className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                  href={`#page-${filter.page - 1}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setFilter({ ...filter, page: filter.page - 1 });
                  }}
                >
                  <span className="nhsuk-pagination__title">{copy.paging.previous}</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{copy.paging.page(filter.page - 1, pages)}</span>
                </a>
              </li>
            ) : null}
            {filter.page < pages ? (
              <li className="nhsuk-pagination-item--next">
                <a
                  className="nhsuk-pagination__link nhsuk-pagination__link--next"
                  href={`#page-${filter.page + 1}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setFilter({ ...filter, page: filter.page + 1 });
                  }}
                >
                  <span className="nhsuk-pagination__title">{copy.paging.next}</span>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{copy.paging.page(filter.page + 1, pages)}</span>
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
