import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NhsNumber } from "@/components/patient/nhs-number";
import { AUDIT_ACTION_NAMES } from "@/lib/schemas/audit";
import {
  AUDIT_OUTCOMES,
  AUDIT_PAGE_SIZES,
  type AuditSearchField,
  type AuditSearchQuery,
  type AuditTrailEvent,
  auditSearchQuery,
} from "@/lib/schemas/audit-trail";
import { auditActionLabel } from "@/lib/ui/audit-action-names";
import { searchAuditTrail } from "@/server/audit/search-audit-trail";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { auditTrailCopy as copy } from "./copy";
import { VerifyButton } from "./verify-button";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_FIELDS = ["nhsNumber", "userId", "action", "outcome", "from", "to", "pageSize"] as const;

function single(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => (typeof value === "string" && value !== "" ? [[key, value]] : [])),
  );
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = auditSearchQuery.safeParse(single(await searchParams));
  return { title: `${parsed.success ? "" : copy.errorTitlePrefix}${copy.title}` };
}

/** The search's own filters (no cursor) as a query string, for paging links and the export. */
function filterParams(query: AuditSearchQuery, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_FIELDS) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params.toString();
}

const WHEN = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "2-digit",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "02-Dec-2026 16:21:17" (UK time): audit events need the seconds. */
function when(iso: string): string {
  const parts = WHEN.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}-${part("month")}-${part("year")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

function detailText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function EventDetails({ event }: { event: AuditTrailEvent }) {
  const lines: [string, string][] = [[copy.table.event, String(event.id)]];
  if (event.roleId) lines.push([copy.table.role, event.roleId]);
  if (event.orgCode) lines.push([copy.table.organisation, event.orgCode]);
  if (event.spineMessageId) lines.push([copy.table.spineMessage, event.spineMessageId]);
  if (event.requestId) lines.push([copy.table.request, event.requestId]);
  for (const [key, value] of Object.entries(event.details)) if (key !== "sessionId") lines.push([key, detailText(value)]);
  return (
    <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0 break-all">
      {lines.map(([label, value]) => (
        <li key={label} className="nhsuk-u-margin-bottom-1">
          <span className="nhsuk-u-font-weight-bold">{label}:</span> {value}
        </li>
      ))}
    </ul>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined;
  return (
    <div className={`nhsuk-form-group ${error ? "nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

/**
 * The audit trail viewer (privacy officers, system administrators): search by patient, user,
 * action, outcome and UK-time date range; newest first, keyset-paged; a streamed CSV export of
 * the whole filtered set; and a check of the hash chain. A plain GET form: works without
 * JavaScript (except the check button), and a search can be bookmarked or linked to, e.g.
 * `/audit?nhsNumber=…` from a patient review.
 */
export default async function AuditTrailPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = single(await searchParams);
  const session = await requirePagePermission("audit.view", `/audit${Object.keys(raw).length ? `?${new URLSearchParams(raw)}` : ""}`);
  const user = signedInUserFrom(session);
  const parsed = auditSearchQuery.safeParse(raw);
  const errors: Partial<Record<AuditSearchField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "nhsNumber") as AuditSearchField;
      errors[field] ??= issue.message;
    }
  }
  const query = parsed.success ? parsed.data : undefined;
  const page = query ? await searchAuditTrail(user, query) : undefined;
  const fieldId = (name: AuditSearchField) => `filter-${name}`;
  const inputClass = (name: AuditSearchField, width: string) => `nhsuk-input ${width} ${errors[name] ? "nhsuk-input--error" : ""}`;

  return (
    <>
      {Object.keys(errors).length > 0 ? (
        <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="error-summary-title">
            {copy.errorSummaryTitle}
          </h2>
          <div className="nhsuk-error-summary__body">
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <a href={`#${fieldId(field as AuditSearchField)}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <h1>{copy.heading}</h1>
      <p className="nhsuk-body-l">{copy.lead}</p>
      {page ? (
        <div className="nhsuk-inset-text" data-testid="audit-scope">
          <p>{page.scope.kind === "all" ? copy.scope.all : copy.scope.organisation(page.scope.orgCode)}</p>
        </div>
      ) : null}

      <form method="get" action="/audit" className="nhsuk-u-margin-bottom-5" noValidate data-testid="audit-filters">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{copy.filters.legend}</legend>
          <div className="grid grid-cols-1 gap-x-6 md:grid-cols-2">
            <Field id={fieldId("nhsNumber")} label={copy.filters.nhsNumber} hint={copy.filters.nhsNumberHint} error={errors.nhsNumber}>
              {(describedBy) => (
                <input
                  className={inputClass("nhsNumber", "nhsuk-input--width-10")}
                  id={fieldId("nhsNumber")}
                  name="nhsNumber"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={describedBy}
                  defaultValue={raw.nhsNumber ?? ""}
                />
              )}
            </Field>
            <Field id={fieldId("userId")} label={copy.filters.userId} hint={copy.filters.userIdHint} error={errors.userId}>
              {(describedBy) => (
                <input
                  className={inputClass("userId", "nhsuk-input--width-20")}
                  id={fieldId("userId")}
                  name="userId"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={describedBy}
                  defaultValue={raw.userId ?? ""}
                />
              )}
            </Field>
            <Field id={fieldId("action")} label={copy.filters.action} error={errors.action}>
              {(describedBy) => (
                <select
                  className={`nhsuk-select ${errors.action ? "nhsuk-select--error" : ""}`}
                  id={fieldId("action")}
                  name="action"
                  aria-describedby={describedBy}
                  defaultValue={raw.action ?? ""}
                >
                  <option value="">{copy.filters.anyAction}</option>
                  {AUDIT_ACTION_NAMES.map((action) => (
                    <option key={action} value={action}>
                      {auditActionLabel(action)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fieldId("outcome")} label={copy.filters.outcome} error={errors.outcome}>
              {(describedBy) => (
                <select
                  className={`nhsuk-select ${errors.outcome ? "nhsuk-select--error" : ""}`}
                  id={fieldId("outcome")}
                  name="outcome"
                  aria-describedby={describedBy}
                  defaultValue={raw.outcome ?? ""}
                >
                  <option value="">{copy.filters.anyOutcome}</option>
                  {AUDIT_OUTCOMES.map((outcome) => (
                    <option key={outcome} value={outcome}>
                      {copy.outcomes[outcome]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fieldId("from")} label={copy.filters.from} hint={copy.filters.dateHint} error={errors.from}>
              {(describedBy) => (
                <input
                  className={inputClass("from", "nhsuk-input--width-10")}
                  id={fieldId("from")}
                  name="from"
                  type="date"
                  aria-describedby={describedBy}
                  defaultValue={raw.from ?? ""}
                />
              )}
            </Field>
            <Field id={fieldId("to")} label={copy.filters.to} hint={copy.filters.dateHint} error={errors.to}>
              {(describedBy) => (
                <input
                  className={inputClass("to", "nhsuk-input--width-10")}
                  id={fieldId("to")}
                  name="to"
                  type="date"
                  aria-describedby={describedBy}
                  defaultValue={raw.to ?? ""}
                />
              )}
            </Field>
            <Field id={fieldId("pageSize")} label={copy.filters.pageSize} error={errors.pageSize}>
              {(describedBy) => (
                <select
                  className="nhsuk-select"
                  id={fieldId("pageSize")}
                  name="pageSize"
                  aria-describedby={describedBy}
                  defaultValue={raw.pageSize ?? String(AUDIT_PAGE_SIZES[0])}
                >
                  {AUDIT_PAGE_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {size}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <button className="nhsuk-button" type="submit" data-module="nhsuk-button">
          {copy.filters.search}
        </button>{" "}
        <a href="/audit" className="nhsuk-link">
          {copy.filters.clear}
        </a>
      </form>

      {page && query ? (
        <>
          <p>
            <a href={`/api/audit/export?${filterParams(query)}`} className="nhsuk-link" download data-testid="audit-export">
              {copy.export.link}
            </a>
          </p>
          <p className="nhsuk-hint">{copy.export.hint}</p>

          {page.events.length === 0 ? (
            <>
              <p data-testid="no-events">{copy.table.none}</p>
              {query.before !== undefined || query.after !== undefined ? (
                <p>
                  <a href={`/audit?${filterParams(query)}`}>{copy.table.backToNewest}</a>
                </p>
              ) : null}
            </>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on a narrow screen must be reachable by keyboard (axe scrollable-region-focusable, WCAG 2.1.1)
            <section className="overflow-x-auto" tabIndex={0} aria-label={copy.table.caption}>
              <table className="nhsuk-table" data-testid="audit-table">
                <caption className="nhsuk-table__caption">{copy.table.caption}</caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">{copy.table.when}</th>
                    <th scope="col">{copy.table.user}</th>
                    <th scope="col">{copy.table.action}</th>
                    <th scope="col">{copy.table.patient}</th>
                    <th scope="col">{copy.table.outcome}</th>
                    <th scope="col">{copy.table.details}</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {page.events.map((event) => (
                    <tr key={event.id} className="nhsuk-table__row" data-testid="audit-row" data-event-id={event.id}>
                      <td className="nhsuk-table__cell">
                        <time dateTime={event.at}>{when(event.at)}</time>
                      </td>
                      <td className="nhsuk-table__cell">{event.actorSub ?? copy.table.noUser}</td>
                      <td className="nhsuk-table__cell">
                        {auditActionLabel(event.action)}
                        <br />
                        <code className="nhsuk-body-s">{event.action}</code>
                      </td>
                      <td className="nhsuk-table__cell">
                        {event.nhsNumber ? <NhsNumber value={event.nhsNumber} /> : copy.table.noPatient}
                      </td>
                      <td className="nhsuk-table__cell">
                        <strong
                          className={`nhsuk-tag ${event.outcome === "success" ? "nhsuk-tag--green" : event.outcome === "denied" ? "nhsuk-tag--red" : "nhsuk-tag--orange"}`}
                        >
                          {copy.outcomes[event.outcome]}
                        </strong>
                      </td>
                      <td className="nhsuk-table__cell">
                        <EventDetails event={event} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          {page.newerAfter !== null || page.olderBefore !== null ? (
            <nav className="nhsuk-pagination" aria-label={copy.pagination.label}>
              <ul className="nhsuk-list nhsuk-pagination__list">
                {page.newerAfter !== null ? (
                  <li className="nhsuk-pagination-item--previous">
                    <a
                      className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                      href={`/audit?${filterParams(query, { after: page.newerAfter })}`}
                      rel="prev"
                    >
                      <span className="nhsuk-pagination__title">{copy.pagination.newer}</span>
                    </a>
                  </li>
                ) : null}
                {page.olderBefore !== null ? (
                  <li className="nhsuk-pagination-item--next">
                    <a
                      className="nhsuk-pagination__link nhsuk-pagination__link--next"
                      href={`/audit?${filterParams(query, { before: page.olderBefore })}`}
                      rel="next"
                    >
                      <span className="nhsuk-pagination__title">{copy.pagination.older}</span>
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}

      <h2 className="nhsuk-heading-m nhsuk-u-margin-top-6">{copy.verify.heading}</h2>
      <p>{copy.verify.body}</p>
      <VerifyButton />
    </>
  );
}
