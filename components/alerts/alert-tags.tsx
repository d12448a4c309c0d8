import type { AlertSendState, AlertStatus } from "@/lib/schemas/alerts";

export type TagCopy<K extends string> = Record<K, { label: string; className: string }>;

/** An alert's status as an NHS tag. */
export function AlertStatusTag({ status, copy }: { status: AlertStatus; copy: TagCopy<AlertStatus> }) {
  const tag = copy[status];
  return (
    <strong className={`nhsuk-tag ${tag.className}`} data-testid="alert-status">
      {tag.label}
    </strong>
  );
}

/** Whether Spine has the alert, as an NHS tag. */
export function AlertSendTag({ state, copy }: { state: AlertSendState; copy: TagCopy<AlertSendState> }) {
  const tag = copy[state];
  return (
    <strong className={`nhsuk-tag ${tag.className}`} data-testid="alert-send-state">
      {tag.label}
    </strong>
  );
}
