"use client";
import { Header } from "nhsuk-react-components";
import type { HeaderAccount } from "@/lib/schemas/shell";
import { shellCopy } from "@/lib/ui/shell-copy";
import { NewAlertsBadge } from "./new-alerts-badge";

/** NHS header with service name and the account area (user, role, organisation, My role profiles, Change role, Log out). */
export function SiteHeader({ account, csrfToken }: { account?: HeaderAccount; csrfToken?: string }) {
  return (
    <Header service={{ text: shellCopy.serviceName, href: "/" }} logo={{ "aria-label": shellCopy.homeLabel }}>
      <Header.Account aria-label={shellCopy.account.label}>
        {account ? (
          <>
            <Header.AccountItem icon>
              <span data-testid="account-user">{account.userName}</span>
            </Header.AccountItem>
            <Header.AccountItem>
              <span data-testid="account-role">
                {account.roleName} – {account.organisationName}
              </span>
            </Header.AccountItem>
            <Header.AccountItem href="/my-role-profiles">{shellCopy.account.myRoleProfiles}</Header.AccountItem>
            <Header.AccountItem href="/api/auth/change-role">{shellCopy.account.changeRole}</Header.AccountItem>
            <Header.AccountItem formProps={{ action: "/api/auth/logout", method: "post" }} type="submit">
              {csrfToken ? <input type="hidden" name="csrf" value={csrfToken} /> : null}
              {shellCopy.account.logOut}
            </Header.AccountItem>
          </>
        ) : (
          <Header.AccountItem href="/api/auth/login" icon>
            {shellCopy.account.signIn}
          </Header.AccountItem>
        )}
      </Header.Account>
      {account && account.navigation.length > 0 ? (
        <Header.Navigation aria-label={shellCopy.navigationLabel}>
          {account.navigation.map((item) => (
            <Header.NavigationItem key={item.href} href={item.href}>
              {item.label}
              {item.badge === "newAlerts" ? <NewAlertsBadge /> : null}
            </Header.NavigationItem>
          ))}
        </Header.Navigation>
      ) : null}
    </Header>
  );
}
