import type { Metadata } from "next";
import { ProblemMessage } from "@/components/forms/problem-message";
import { NotificationBanner } from "@/components/workgroups/notification-banner";
import type { WorkgroupDetails } from "@/lib/schemas/workgroups";
import { personLabel } from "@/lib/ui/directory-names";
import { isWorkgroupChange } from "@/lib/ui/workgroup-links";
import { directoryFor } from "@/server/directory/directory";
import type { LrContext } from "@/server/lr/lr-context";
import { loadWorkgroupPage } from "@/server/workgroups/load-workgroup-page";
import { workgroupCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.titleSuffix };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A workgroup: what Spine knows (name, status, type), its members from the SDS directory (name,
 * user id, role profile, job role), Add and Remove for a workgroup of the role's own organisation,
 * and — on return from a change — the notification banner saying what Spine confirmed.
 */
export default async function WorkgroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ workgroupId: string }>;
  searchParams: SearchParams;
}) {
  const { workgroupId: raw } = await params;
  const loaded = await loadWorkgroupPage(raw, (id) => `/workgroups/${id}`);
  if ("problem" in loaded) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <a className="nhsuk-back-link" href="/workgroups">
            {copy.back}
          </a>
          <h1>{copy.problemHeading}</h1>
          <ProblemMessage error={loaded.problem} kind="query" />
          <p>
            <a href="/workgroups">{copy.findAnother}</a>
          </p>
        </div>
      </div>
    );
  }
  const { workgroup, ctx } = loaded;
  const banner = await bannerFor(ctx, workgroup, await searchParams);
  const members = workgroup.members.state === "listed" ? workgroup.members.members : undefined;
  const base = `/workgroups/${workgroup.workgroupId}`;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <a className="nhsuk-back-link" href="/workgroups">
          {copy.back}
        </a>
        {banner}
        <h1>
          <span className="nhsuk-caption-l">{copy.caption}</span>
          {workgroup.name}
        </h1>
        <dl className="nhsuk-summary-list" data-testid="workgroup-details">
          {(
            [
              [copy.details.id, workgroup.workgroupId],
              [copy.details.status, workgroup.statusName],
              [copy.details.type, workgroup.typeName],
              [copy.details.organisation, workgroup.organisationName ?? workgroup.organisationCode],
            ] as const
          )
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key} className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">{key}</dt>
                <dd className="nhsuk-summary-list__value">{value}</dd>
              </div>
            ))}
        </dl>

        <h2>{copy.membersHeading}</h2>
        {workgroup.members.state === "unavailable" ? (
          <ProblemMessage error={workgroup.members.problem} kind="query" headingLevel={3} />
        ) : null}
        {members && members.length === 0 ? <p className="nhsuk-inset-text">{copy.noMembers}</p> : null}
        {members && members.length > 0 ? (
          <table className="nhsuk-table-responsive" data-testid="workgroup-members">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{copy.membersCaption(workgroup.name)}</caption>
            <thead className="nhsuk-table__head">
              <tr>
                {[copy.columns.name, copy.columns.userId, copy.columns.roleProfile, copy.columns.jobRole].map((column) => (
                  <th key={column} scope="col" className="nhsuk-table__header">
                    {column}
                  </th>
                ))}
                {workgroup.mayManage ? (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">{copy.columns.actions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {members.map((member) => (
                <tr
                  key={member.roleProfileId}
                  className="nhsuk-table__row"
                  data-testid="member-row"
                  data-role-profile-id={member.roleProfileId}
                >
                  {(
                    [
                      [copy.columns.name, member.userName],
                      [copy.columns.userId, member.userId],
                      [copy.columns.roleProfile, member.roleProfileId],
                      [
                        copy.columns.jobRole,
                        member.organisationName ? `${member.jobRoleName}, ${member.organisationName}` : member.jobRoleName,
                      ],
                    ] as const
                  ).map(([column, value]) => (
                    <td key={column} className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        {column}{" "}
                      </span>
                      {value}
                    </td>
                  ))}
                  {workgroup.mayManage ? (
                    <td className="nhsuk-table__cell">
                      <a href={`${base}/members/${member.roleProfileId}/remove`} data-testid="remove-member">
                        {copy.remove}
                        <span className="nhsuk-u-visually-hidden">{copy.removeHidden(member.userName, member.roleProfileId)}</span>
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {workgroup.mayManage ? (
          <a className="nhsuk-button" href={`${base}/add`} data-testid="add-member">
            {copy.add}
          </a>
        ) : (
          <p className="nhsuk-inset-text" data-testid="may-not-manage">
            {workgroup.members.state === "unavailable" ? copy.cannotCheck : copy.notYours}
          </p>
        )}
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {copy.reference}: {workgroup.reference}
        </p>
      </div>
    </div>
  );
}

/** The banner after an add or remove: the member's name from the list (or the directory), what Spine confirmed. */
async function bannerFor(ctx: LrContext, workgroup: WorkgroupDetails, query: Awaited<SearchParams>) {
  const { change, userId, roleProfileId } = query;
  if (!isWorkgroupChange(change) || typeof userId !== "string" || !/^\d{1,12}$/.test(userId)) return null;
  const listed = workgroup.members.state === "listed" ? workgroup.members.members.find((m) => m.userId === userId) : undefined;
  const name = listed?.userName ?? personLabel((await (await directoryFor(ctx)).userNames([userId])).names.get(userId), userId);
  const success = change === "added" || change === "removed";
  return (
    <NotificationBanner
      variant={success ? "success" : "information"}
      title={success ? copy.banner.successTitle : copy.banner.informationTitle}
      heading={copy.banner.heading(change, name, workgroup.name)}
      testId="change-banner"
    >
      <p>{copy.banner.body(change)}</p>
      {typeof roleProfileId === "string" ? <p className="nhsuk-body-s">{copy.banner.roleProfile(roleProfileId)}</p> : null}
    </NotificationBanner>
  );
}
