import type { Metadata } from "next";
import { ProblemMessage } from "@/components/forms/problem-message";
import type { RoleProfileView } from "@/lib/schemas/workgroups";
import { requirePageSession } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { requestLogger } from "@/server/log/logger";
import { lrContextFor } from "@/server/lr/lr-context";
import { myRoleProfiles } from "@/server/role-profiles/my-role-profiles";
import { roleProfilesCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/**
 * "My role profiles", for every signed-in user: each role profile as CIS2 gave it and as Spine's
 * SDS holds it, side by side, the differences in plain English above them, the selected role
 * marked, and a way to change role.
 */
export default async function MyRoleProfilesPage() {
  const session = await requirePageSession("/my-role-profiles");
  const user = signedInUserFrom(session);
  const view = await myRoleProfiles(session, () => lrContextFor(user, requestLogger(crypto.randomUUID())));
  const spineProfiles = view.spine.state === "answered" ? view.spine.profiles : undefined;
  const ids = [...new Set([...view.cis2.map((p) => p.roleProfileId), ...(spineProfiles ?? []).map((p) => p.roleProfileId)])];
  // The selected role first, then the others in the order CIS2 gave them.
  ids.sort((a, b) => Number(b === view.selectedRoleProfileId) - Number(a === view.selectedRoleProfileId));

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <h1>{copy.heading}</h1>
        <p>{copy.intro}</p>
        <p className="nhsuk-body-s">
          {copy.userId}: <strong>{view.userId}</strong>
        </p>
        {view.spine.state === "unavailable" ? (
          <div data-testid="spine-unavailable">
            <h2 className="nhsuk-u-visually-hidden">{copy.spineUnavailableHeading}</h2>
            <ProblemMessage error={view.spine.problem} kind="query" />
          </div>
        ) : view.differences.length > 0 ? (
          <div className="nhsuk-warning-callout" data-testid="role-profile-differences">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {copy.differencesHeading}
            </h2>
            <ul>
              {view.differences.map((difference) => (
                <li key={`${difference.roleProfileId}-${difference.kind}-${difference.text}`} data-kind={difference.kind}>
                  {difference.text}
                </li>
              ))}
            </ul>
            <p>{copy.differencesAdvice}</p>
          </div>
        ) : (
          <div className="nhsuk-inset-text" data-testid="role-profiles-agree">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{copy.agree}</p>
          </div>
        )}

        {ids.map((roleProfileId) => (
          <RoleProfileCard
            key={roleProfileId}
            roleProfileId={roleProfileId}
            selected={roleProfileId === view.selectedRoleProfileId}
            cis2={view.cis2.find((p) => p.roleProfileId === roleProfileId)}
            spine={spineProfiles ? (spineProfiles.find((p) => p.roleProfileId === roleProfileId) ?? null) : undefined}
            differs={view.differences.some((d) => d.roleProfileId === roleProfileId)}
          />
        ))}

        <h2>{copy.changeRoleHeading}</h2>
        <p>{copy.changeRoleBody}</p>
        <a className="nhsuk-button" href="/api/auth/change-role" data-testid="change-role">
          {copy.changeRole}
        </a>
        {view.spine.state === "answered" ? (
          <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
            {copy.reference}: {view.spine.reference}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** One role profile: CIS2's and Spine's account side by side. `spine` null = Spine does not hold it; undefined = Spine not asked. */
function RoleProfileCard({
  roleProfileId,
  selected,
  cis2,
  spine,
  differs,
}: {
  roleProfileId: string;
  selected: boolean;
  cis2: RoleProfileView | undefined;
  spine: RoleProfileView | null | undefined;
  differs: boolean;
}) {
  const cell = (profile: RoleProfileView | null | undefined, value: (p: RoleProfileView) => string) =>
    profile ? value(profile) : profile === null ? copy.notHeld : copy.notAsked;
  const workgroups = (p: RoleProfileView) => (p.workgroups.length ? p.workgroups.map((w) => w.name).join(", ") : copy.noWorkgroups);
  const rows: [string, (p: RoleProfileView) => string][] = [
    [copy.rows.organisation, (p) => p.organisationName],
    [copy.rows.jobRole, (p) => p.jobRoleName],
    [copy.rows.workgroups, workgroups],
  ];
  return (
    <section
      className={`nhsuk-card${selected ? " nhsuk-card--feature" : ""}`}
      aria-labelledby={`role-${roleProfileId}`}
      data-testid="role-profile"
      data-role-profile-id={roleProfileId}
      data-selected={selected ? "true" : "false"}
      data-differs={differs ? "true" : "false"}
    >
      <div className="nhsuk-card__content">
        <h2 className={selected ? "nhsuk-card__heading nhsuk-card__heading--feature" : "nhsuk-card__heading"} id={`role-${roleProfileId}`}>
          {copy.profileHeading(roleProfileId)}
          {selected ? (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--blue" data-testid="selected-role">
                {copy.selected}
              </strong>
            </>
          ) : null}
        </h2>
        {selected ? <p className="nhsuk-body-s">{copy.selectedHint}</p> : null}
        <table className="nhsuk-table-responsive">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{copy.caption(roleProfileId)}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <td className="nhsuk-table__header" />
              <th scope="col" className="nhsuk-table__header">
                {copy.columns.cis2}
              </th>
              <th scope="col" className="nhsuk-table__header">
                {copy.columns.spine}
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map(([label, value]) => (
              <tr key={label} className="nhsuk-table__row">
                <th scope="row" className="nhsuk-table__header">
                  {label}
                </th>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    {copy.columns.cis2}{" "}
                  </span>
                  {cis2 ? value(cis2) : copy.notHeld}
                </td>
                <td className="nhsuk-table__cell" data-testid="spine-cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    {copy.columns.spine}{" "}
                  </span>
                  {cell(spine, value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
