"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import type { AlertCounts } from "@/lib/schemas/alerts";
import { shellCopy } from "@/lib/ui/shell-copy";

/** How often the header asks for the number of new alerts: fresh enough for a PO's working day, cheap for the server. */
const REFRESH_MS = 30_000;

/** The number of new alerts beside "Alerts" in the header; updates without a reload. */
export function NewAlertsBadge() {
  const counts = useQuery({
    queryKey: ["alerts", "counts"],
    queryFn: ({ signal }) => apiFetch<AlertCounts>("/api/alerts/counts", { signal }),
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const count = counts.data?.byStatus.new ?? 0;
  if (count === 0) return null;
  return (
    <strong className="nhsuk-tag nhsuk-tag--red ml-2" data-testid="new-alerts-badge" aria-live="polite">
      {shellCopy.newAlertsBadge(count)}
    </strong>
  );
}
