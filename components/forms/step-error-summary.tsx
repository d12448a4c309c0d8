"use client";
import { ErrorSummary } from "nhsuk-react-components";
import { LOAD_FAILED_ANCHOR, LOAD_FAILED_FIELD } from "@/lib/ui/load-on-demand";

/**
 * NHS error summary for one step: each message links to its field. Keyed by `attempt` by the
 * caller so every failed Continue remounts it and the design system moves focus to it again.
 */
export function StepErrorSummary({
  title,
  errors,
  anchors,
}: {
  title: string;
  errors: Record<string, string>;
  anchors: Record<string, string>;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <ErrorSummary>
      <ErrorSummary.Title>{title}</ErrorSummary.Title>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.ListItem key={field} href={`#${anchors[field] ?? (field === LOAD_FAILED_FIELD ? LOAD_FAILED_ANCHOR : field)}`}>
            {message}
          </ErrorSummary.ListItem>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
