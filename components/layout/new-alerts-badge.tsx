"use client";
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { AlertCounts } from "@/lib/schemas/alerts";
import { shellCopy } from "@/lib/ui/shell-copy";

/** How often the header asks for the number of new alerts: fresh enough for a PO's working day, cheap for the server. */
const REFRESH_MS = 30_000;

/**
 * The number of new alerts beside "Alerts" in the header; updates without a reload. A plain
 * fetch on a timer (not TanStack Query): the header is on every page, and this keeps the query
 * library out of the first load of pages that do not use it.
 */
export function NewAlertsBadge() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      apiFetch<AlertCounts>("/api/alerts/counts", { signal: controller.signal }).then(
        (counts) => setCount(counts.byStatus.new ?? 0),
        () => undefined, // keep the last count; the next tick tries again
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);
  if (count === 0) return null;
  return (
    <strong className="nhsuk-tag nhsuk-tag--red ml-2" data-testid="new-alerts-badge" aria-live="polite">
      {shellCopy.newAlertsBadge(count)}
    </strong>
  );
}
