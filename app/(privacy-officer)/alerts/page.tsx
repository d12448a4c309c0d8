import type { Metadata } from "next";
import { AlertSendTag, AlertStatusTag } from "@/components/alerts/alert-tags";
import { NhsNumber } from "@/components/patient/nhs-number";
import { receivedKinds } from "@/lib/alerts/raise-rules";
import { type ALERT_SORTS, ALERT_STATUSES, type AlertQuery, alertQuery, PAGE_SIZES } from "@/lib/schemas/alerts";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { listAlertQueue } from "@/server/alerts/list-alerts";
import { requirePagePermission } from "@/server/auth/page-session";
import { can, signedInUserFrom } from "@/server/auth/signed-in-user";
import { alertQueueCopy as copy } from "./copy";
import { SampleForm } from "./sample-form";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => (typeof value === "string" && value !== "" ? [[key, value]] : [])),
  );
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = alertQuery.safeParse(single(await searchParams));
  return { title: `${parsed.success ? "" : copy.errorTitlePrefix}${copy.title}` };
}

const SORT_LABELS: Record<(typeof ALERT_SORTS)[number], string> = { raisedAt: "raised", status: "status", type: "type", user: "user" };

/** The link that reapplies the current filters with some of them changed. */
function hrefWith(query: AlertQuery, change: Partial<Record<keyof AlertQuery, string | number | undefined>>): string {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...query, ...change })) if (value !== undefined && value !== "") merged[key] = String(value);
  return `/alerts?${new URLSearchParams(merged)}`;
}

/**
 * The privacy officer's alert queue, like Spine's Alert Viewer and more: counts per status,
 * filters (status, type, user, dates, sampled), newest first, 10 per page by default, sortable.
 * A plain GET form: works without JavaScript, and the address can be bookmarked.
 */
export default async function AlertQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requirePagePermission("po.alerts", "/alerts");
  const user = signedInUserFrom(session);
  const raw = single(await searchParams);
  const parsed = alertQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : alertQuery.parse({});
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "status"), message: issue.message }));
  const page = await listAlertQueue(user, query);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const kinds = receivedKinds(user.permissions);

  const sortHeader = (column: (typeof ALERT_SORTS)[number], label: string) => {
    const active = query.sort === column;
    const direction = active ? (query.dir === "asc" ? "ascending" : "descending") : undefined;
    const nextDir = active && query.dir === "desc" ? "asc" : "desc";
    return (
      <th scope="col" className="nhsuk-table__header" aria-sort={direction ?? "none"}>
        <a
          href={hrefWith(query, { sort: column, dir: nextDir, page: 1 })}
          aria-label={direction ? copy.table.sortedBy(SORT_LABELS[column], direction) : copy.table.sortBy(SORT_LABELS[column])}
        >
          {label}
        </a>
      </th>
    );
  };

  return (
    <>
      {problems.length > 0 ? (
        <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="error-summary-title">
            {copy.errorSummaryTitle}
          </h2>
          <div className="nhsuk-error-summary__body">
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {problems.map((problem) => (
                <li key={problem.field}>
                  <a href={`#filter-${problem.field}`}>{problem.message}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <h1>{copy.heading}</h1>
      <p className="nhsuk-body-l">{copy.lead}</p>

      <h2 className="nhsuk-heading-s">{copy.counts}</h2>
      <ul className="nhsuk-list flex flex-wrap gap-x-6" data-testid="alert-counts">
        <li>
          <a href={hrefWith(query, { status: undefined, page: 1 })} aria-current={query.status === undefined ? "true" : undefined}>
            {copy.all}
          </a>
        </li>
        {ALERT_STATUSES.map((status) => (
          <li key={status}>
            <a
              href={hrefWith(query, { status, page: 1 })}
              aria-current={query.status === status ? "true" : undefined}
              data-testid={`count-${status}`}
            >
              {copy.statusTags[status].label} ({page.counts.byStatus[status]})
            </a>
          </li>
        ))}
      </ul>

      <form method="get" action="/alerts" className="nhsuk-u-margin-bottom-5" data-testid="alert-filters">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{copy.filters.legend}</legend>
          <div className="grid gap-x-6 md:grid-cols-3">
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-status">
                {copy.filters.status}
              </label>
              <select className="nhsuk-select" id="filter-status" name="status" defaultValue={query.status ?? ""}>
                <option value="">{copy.all}</option>
                {ALERT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {copy.statusTags[status].label}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-kind">
                {copy.filters.kind}
              </label>
              <select className="nhsuk-select" id="filter-kind" name="kind" defaultValue={query.kind ?? ""}>
                <option value="">{copy.filters.anyKind}</option>
                {kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {copy.kinds[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-user">
                {copy.filters.user}
              </label>
              <div className="nhsuk-hint" id="filter-user-hint">
                {copy.filters.userHint}
              </div>
              <input
                className="nhsuk-input nhsuk-input--width-20"
                id="filter-user"
                name="user"
                inputMode="numeric"
                aria-describedby="filter-user-hint"
                defaultValue={raw.user ?? ""}
              />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-from">
                {copy.filters.from}
              </label>
              <input className="nhsuk-input nhsuk-input--width-10" id="filter-from" name="from" type="date" defaultValue={raw.from ?? ""} />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-to">
                {copy.filters.to}
              </label>
              <input className="nhsuk-input nhsuk-input--width-10" id="filter-to" name="to" type="date" defaultValue={raw.to ?? ""} />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-pageSize">
                {copy.filters.pageSize}
              </label>
              <select className="nhsuk-select" id="filter-pageSize" name="pageSize" defaultValue={String(query.pageSize)}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-4">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="filter-sampled"
                name="sampled"
                type="checkbox"
                value="yes"
                defaultChecked={query.sampled === "yes"}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="filter-sampled">
                {copy.filters.sampled}
              </label>
            </div>
          </div>
        </fieldset>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">
          {copy.filters.apply}
        </button>{" "}
        <a href="/alerts" className="nhsuk-link">
          {copy.filters.clear}
        </a>
      </form>

      {page.alerts.length === 0 ? (
        <p data-testid="no-alerts">{copy.table.none}</p>
      ) : (
        <div>
          <table className="nhsuk-table-responsive" data-testid="alert-table">
            <caption className="nhsuk-table__caption">{copy.table.caption(page.total)}</caption>
            <thead className="nhsuk-table__head">
              <tr>
                {sortHeader("raisedAt", copy.table.raisedAt)}
                {sortHeader("status", copy.table.status)}
                {sortHeader("type", copy.table.type)}
                {sortHeader("user", copy.table.user)}
                <th scope="col" className="nhsuk-table__header">
                  {copy.table.patient}
                </th>
                <th scope="col" className="nhsuk-table__header">
                  {copy.table.reason}
                </th>
                <th scope="col" className="nhsuk-table__header">
                  {copy.table.spine}
                </th>
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">{copy.table.open}</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {page.alerts.map((alert) => (
                <tr key={alert.id} className="nhsuk-table__row" data-testid="alert-row" data-alert-id={alert.id}>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.raisedAt}{" "}
                    </span>
                    {displayDateTime(alert.raisedAt)}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.status}{" "}
                    </span>
                    <AlertStatusTag status={alert.status} copy={copy.statusTags} />
                    {alert.sampled ? <strong className="nhsuk-tag nhsuk-tag--purple ml-1">{copy.table.sampled}</strong> : null}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.type}{" "}
                    </span>
                    {alert.typeName}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.user}{" "}
                    </span>
                    {alert.actor.name ?? alert.actor.userId}
                    <br />
                    <span className="nhsuk-body-s">{alert.actor.userId}</span>
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.patient}{" "}
                    </span>
                    <NhsNumber value={alert.nhsNumber} />
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.reason}{" "}
                    </span>
                    {alert.reasonName}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.table.spine}{" "}
                    </span>
                    <AlertSendTag state={alert.sendState} copy={copy.sendTags} />
                  </td>
                  <td className="nhsuk-table__cell">
                    <a href={`/alerts/${alert.id}`} aria-label={copy.table.openLabel(alert.id)}>
                      {copy.table.open}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 ? (
        <nav className="nhsuk-pagination" aria-label="Pagination">
          <p className="nhsuk-body-s" data-testid="page-of">
            {copy.pagination.page(page.page, pages)}
          </p>
          <ul className="nhsuk-list nhsuk-pagination__list">
            {page.page > 1 ? (
              <li className="nhsuk-pagination-item--previous">
                <a className="nhsuk-pagination__link nhsuk-pagination__link--prev" href={hrefWith(query, { page: page.page - 1 })}>
                  <span className="nhsuk-pagination__title">{copy.pagination.previous}</span>
                </a>
              </li>
            ) : null}
            {page.page < pages ? (
              <li className="nhsuk-pagination-item--next">
                <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={hrefWith(query, { page: page.page + 1 })}>
                  <span className="nhsuk-pagination__title">{copy.pagination.next}</span>
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      {can(user, "po.alerts.selfClaim") ? <SampleForm /> : null}
    </>
  );
}
