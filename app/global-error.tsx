"use client";
import { ErrorBody } from "@/components/layout/error-body";
import { shellCopy } from "@/lib/ui/shell-copy";

/** Last-resort error page when the root layout itself fails. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const copy = shellCopy.error;
  return (
    <html lang="en-GB">
      <head>
        <title>{`${copy.title} – ${shellCopy.serviceShortName} – NHS`}</title>
        <link rel="stylesheet" href="/nhsuk/nhsuk-frontend.min.css" />
      </head>
      <body>
        <main className="nhsuk-width-container nhsuk-main-wrapper" id="maincontent">
          <ErrorBody digest={error.digest} />
        </main>
      </body>
    </html>
  );
}
