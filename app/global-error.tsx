"use client";
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
          <h1>{copy.title}</h1>
          <p>{copy.body}</p>
          {error.digest ? (
            <p>
              {copy.reference} <strong>{error.digest}</strong>
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
