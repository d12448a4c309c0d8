import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProblemMessage } from "@/components/forms/problem-message";
import { isAppError } from "@/lib/errors/app-error";
import type { UiError } from "@/lib/schemas/api-error";
import { type OrganisationWorkgroups, workgroupIdSchema } from "@/lib/schemas/workgroups";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { uiErrorFrom } from "@/server/http/ui-error-from";
import { requestLogger } from "@/server/log/logger";
import { lrContextFor } from "@/server/lr/lr-context";
import { listOrganisationWorkgroups } from "@/server/workgroups/organisation-workgroups";
import { workgroupsCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/**
 * Find a workgroup by its id (a plain GET form: works without JavaScript; a bad id comes back here
 * with its error) or pick one from the organisation's list (SDS directory). workgroup.manage only.
 */
export default async function WorkgroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePagePermission("workgroup.manage", "/workgroups");
  const { workgroupId: asked } = await searchParams;
  let fieldError: string | undefined;
  if (typeof asked === "string") {
    const checked = workgroupIdSchema.safeParse(asked);
    if (checked.success) redirect(`/workgroups/${checked.data}`);
    fieldError = checked.error.issues[0]?.message;
  }
  let list: OrganisationWorkgroups | { problem: UiError };
  try {
    list = await listOrganisationWorkgroups(lrContextFor(signedInUserFrom(session), requestLogger(crypto.randomUUID())));
  } catch (error) {
    if (!isAppError(error)) throw error;
    list = { problem: uiErrorFrom(error) };
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {fieldError ? (
          <div
            className="nhsuk-error-summary"
            aria-labelledby="error-summary-title"
            role="alert"
            tabIndex={-1}
            data-module="nhsuk-error-summary"
          >
            <h2 className="nhsuk-error-summary__title" id="error-summary-title">
              {copy.errorSummaryTitle}
            </h2>
            <div className="nhsuk-error-summary__body">
              <ul className="nhsuk-list nhsuk-error-summary__list">
                <li>
                  <a href="#workgroupId">{fieldError}</a>
                </li>
              </ul>
            </div>
          </div>
        ) : null}
        <h1>{copy.heading}</h1>
        <p>{copy.intro}</p>
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{copy.liveNote}</p>
        </div>
        <form method="get" action="/workgroups" noValidate>
          <div className={`nhsuk-form-group${fieldError ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="workgroupId">
              {copy.find.label}
            </label>
            <div className="nhsuk-hint" id="workgroupId-hint">
              {copy.find.hint}
            </div>
            {fieldError ? (
              <span className="nhsuk-error-message" id="workgroupId-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {fieldError}
              </span>
            ) : null}
            <input
              className={`nhsuk-input nhsuk-input--width-20${fieldError ? " nhsuk-input--error" : ""}`}
              id="workgroupId"
              name="workgroupId"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              defaultValue={typeof asked === "string" ? asked : ""}
              aria-describedby={fieldError ? "workgroupId-hint workgroupId-error" : "workgroupId-hint"}
            />
          </div>
          <button className="nhsuk-button" type="submit" data-testid="find-workgroup">
            {copy.find.submit}
          </button>
        </form>
      </div>
      <div className="nhsuk-grid-column-full">
        <h2>{copy.listHeading}</h2>
        {"problem" in list ? (
          <>
            <ProblemMessage error={list.problem} kind="query" headingLevel={3} />
            <p>{copy.listUnavailable}</p>
          </>
        ) : list.workgroups.length === 0 ? (
          <p className="nhsuk-inset-text">{copy.empty}</p>
        ) : (
          <table className="nhsuk-table-responsive" data-testid="organisation-workgroups">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{copy.caption}</caption>
            <thead className="nhsuk-table__head">
              <tr>
                {[copy.columns.name, copy.columns.id, copy.columns.members, copy.columns.status].map((column) => (
                  <th key={column} scope="col" className="nhsuk-table__header">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {list.workgroups.map((workgroup) => (
                <tr key={workgroup.workgroupId} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.name}{" "}
                    </span>
                    <a href={`/workgroups/${workgroup.workgroupId}`}>{workgroup.name}</a>
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.id}{" "}
                    </span>
                    {workgroup.workgroupId}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.members}{" "}
                    </span>
                    {workgroup.memberCount ?? ""}
                  </td>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                      {copy.columns.status}{" "}
                    </span>
                    {workgroup.statusName ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
