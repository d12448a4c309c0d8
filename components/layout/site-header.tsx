import type { ReactNode } from "react";
import type { HeaderAccount } from "@/lib/schemas/shell";
import { shellCopy } from "@/lib/ui/shell-copy";
import { HeaderMenu } from "./header-menu";
import { NewAlertsBadge } from "./new-alerts-badge";

const HEADER_ID = "nhsuk-header";

/** The NHS logo as nhsuk-frontend's header draws it. */
function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      role="img"
      aria-label="NHS"
    >
      <title>NHS</title>
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

function AccountLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <li className="nhsuk-header__account-item">
      <a className="nhsuk-header__account-link" href={href}>
        {children}
      </a>
    </li>
  );
}

/**
 * NHS header with service name and the account area (user, role, organisation, My role profiles,
 * Change role, Log out), rendered on the server as nhsuk-frontend's header markup. Only the new
 * alerts count and the "More" menu run in the browser (small islands): the header is on every
 * page, and as a client component (nhsuk-react-components' Header, which also imports all of
 * nhsuk-frontend's scripts) it cost every page ~15 kB gzip of first-load JavaScript.
 */
export function SiteHeader({ account, csrfToken }: { account?: HeaderAccount; csrfToken?: string }) {
  return (
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: <header> is not interactive; nhsuk-frontend's markup names the banner landmark explicitly
    <header className="nhsuk-header" data-module="nhsuk-header" role="banner" id={HEADER_ID}>
      <div className="nhsuk-width-container nhsuk-header__container">
        <div className="nhsuk-header__service">
          <a className="nhsuk-header__service-logo" href="/" aria-label={shellCopy.homeLabel}>
            <NhsLogo />
            <span className="nhsuk-header__service-name">{shellCopy.serviceName}</span>
          </a>
        </div>
        <nav className="nhsuk-header__account" aria-label={shellCopy.account.label}>
          <ul className="nhsuk-header__account-list">
            {account ? (
              <>
                <li className="nhsuk-header__account-item">
                  <UserIcon />
                  <span data-testid="account-user">{account.userName}</span>
                </li>
                <li className="nhsuk-header__account-item">
                  <span data-testid="account-role">
                    {account.roleName} – {account.organisationName}
                  </span>
                </li>
                <AccountLink href="/my-role-profiles">{shellCopy.account.myRoleProfiles}</AccountLink>
                <AccountLink href="/api/auth/change-role">{shellCopy.account.changeRole}</AccountLink>
                <li className="nhsuk-header__account-item">
                  <form className="nhsuk-header__account-form" noValidate action="/api/auth/logout" method="post">
                    <button className="nhsuk-header__account-button" type="submit">
                      {csrfToken ? <input type="hidden" name="csrf" value={csrfToken} /> : null}
                      {shellCopy.account.logOut}
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <AccountLink href="/api/auth/login">
                <UserIcon />
                {shellCopy.account.signIn}
              </AccountLink>
            )}
          </ul>
        </nav>
      </div>
      {account && account.navigation.length > 0 ? (
        <nav className="nhsuk-header__navigation" aria-label={shellCopy.navigationLabel}>
          <div className="nhsuk-width-container nhsuk-header__navigation-container">
            <ul className="nhsuk-header__navigation-list">
              {account.navigation.map((item) => (
                <li className="nhsuk-header__navigation-item" key={item.href}>
                  <a className="nhsuk-header__navigation-link" href={item.href}>
                    {item.label}
                    {item.badge === "newAlerts" ? <NewAlertsBadge /> : null}
                  </a>
                </li>
              ))}
              <li className="nhsuk-header__menu" hidden>
                <button
                  className="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
                  id="toggle-menu"
                  aria-expanded="false"
                  type="button"
                >
                  <span className="nhsuk-u-visually-hidden">{shellCopy.navigationMore.hiddenPrefix}</span>
                  {shellCopy.navigationMore.label}
                </button>
              </li>
            </ul>
          </div>
        </nav>
      ) : null}
      {account && account.navigation.length > 0 ? <HeaderMenu headerId={HEADER_ID} /> : null}
    </header>
  );
}
