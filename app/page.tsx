import { pageTitle, shellCopy } from "@/lib/ui/shell-copy";
import { getPageSession } from "@/server/auth/page-session";
import { findPatientCopy } from "./(clinician)/patients/copy";
import { homeCopy } from "./home-copy";

// The root page sits beside the layout, so the title template does not apply to it.
export const metadata = { title: { absolute: pageTitle(homeCopy.title) } };

export default async function HomePage() {
  const session = await getPageSession();
  const canFindPatients = session?.permissions.includes("lr.view") ?? false;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{homeCopy.heading}</h1>
        <p className="nhsuk-lede-text">{homeCopy.lede}</p>
        {!session ? (
          <>
            <p>{homeCopy.signedOutBody}</p>
            <a className="nhsuk-button" href="/api/auth/login">
              {shellCopy.account.signIn}
            </a>
          </>
        ) : canFindPatients ? (
          <>
            <p>{homeCopy.signedInBody}</p>
            <a className="nhsuk-button" href="/patients">
              {findPatientCopy.title}
            </a>
          </>
        ) : (
          <>
            <p>{homeCopy.noLrRoleBody}</p>
            <a className="nhsuk-button nhsuk-button--secondary" href="/api/auth/change-role">
              {homeCopy.changeRole}
            </a>
          </>
        )}
      </div>
    </div>
  );
}
