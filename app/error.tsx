"use client";
import { useEffect } from "react";
import { shellCopy } from "@/lib/ui/shell-copy";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const copy = shellCopy.error;
  useEffect(() => {
    document.title = `${shellCopy.error.title} – ${shellCopy.serviceShortName} – NHS`;
  }, []);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{copy.title}</h1>
        <p>{copy.body}</p>
        {error.digest ? (
          <p>
            {copy.reference} <strong>{error.digest}</strong>
          </p>
        ) : null}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reset}>
          {copy.retry}
        </button>
      </div>
    </div>
  );
}
