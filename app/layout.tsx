import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { TrainingBanner } from "@/components/layout/training-banner";
import { IdleTimeoutDialog } from "@/components/session/idle-timeout-dialog";
import { shellCopy } from "@/lib/ui/shell-copy";
import { getHeaderAccount } from "@/server/auth/header-account";
import { config } from "@/server/config";
import { trainingNotices } from "@/server/training/training-notices";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: `${shellCopy.serviceShortName} – NHS`, template: `%s – ${shellCopy.serviceShortName} – NHS` },
  description: "Declare, review and end Legitimate Relationships with patients.",
  icons: { icon: "/favicon.ico" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#005eb8" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const account = await getHeaderAccount();
  const training = config().LR_MODE === "training";
  const notices = training ? await trainingNotices().catch(() => null) : null;
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/nhsuk/nhsuk-frontend.min.css" />
      </head>
      <body className="nhsuk-frontend-supported">
        <a className="nhsuk-skip-link" href="#maincontent">
          {shellCopy.skipLink}
        </a>
        <SiteHeader account={account?.header} csrfToken={account?.csrfToken} />
        <div className="nhsuk-width-container">
          {training ? (
            <div className="pt-nhs-4">
              <TrainingBanner exercise={notices?.exercise} notices={notices?.notices} />
            </div>
          ) : null}
          <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
            {children}
          </main>
        </div>
        <SiteFooter />
        {account ? <IdleTimeoutDialog warningMs={account.idle.warningMs} /> : null}
      </body>
    </html>
  );
}
