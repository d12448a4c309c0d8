"use client";
import { useEffect } from "react";
import { ErrorBody } from "@/components/layout/error-body";
import { shellCopy } from "@/lib/ui/shell-copy";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const copy = shellCopy.error;
  useEffect(() => {
    document.title = `${shellCopy.error.title} – ${shellCopy.serviceShortName} – NHS`;
  }, []);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorBody digest={error.digest} />
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={reset}>
          {copy.retry}
        </button>
      </div>
    </div>
  );
}
