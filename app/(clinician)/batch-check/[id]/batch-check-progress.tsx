"use client";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { BatchCheckStatus } from "@/lib/schemas/batch-checks";
import { pageTitle } from "@/lib/ui/shell-copy";
import { BatchResults } from "./batch-results";
import { batchResultsCopy as copy } from "./copy";

const POLL_MS = 1_000;

function subjectText(status: BatchCheckStatus): string {
  return status.subject.kind === "self" ? copy.forMe : copy.forWorkgroup(status.subject.workgroupName ?? status.subject.workgroupId);
}

/**
 * A batch check's progress (accepted → sent to Spine → reply received → results ready), polled
 * from the server while the job runs there; the step reached is announced politely. When the
 * check finishes, focus moves to the new heading, so keyboard and screen-reader users start at the
 * results (or at the failure).
 */
export function BatchCheckProgress({ initial }: { initial: BatchCheckStatus }) {
  const [status, setStatus] = useState(initial);
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = status.state === "ready" || status.state === "failed";
  const startedFinished = useRef(finished);

  useEffect(() => {
    if (finished) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await apiFetch<BatchCheckStatus>(`/api/batch-checks/${status.id}`);
        if (!stopped) setStatus(next);
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [finished, status.id]);

  const title = status.state === "ready" ? copy.readyHeading : status.state === "failed" ? copy.failedHeading : copy.heading;
  useEffect(() => {
    document.title = pageTitle(title);
    if (finished && !startedFinished.current) {
      heading.current?.focus();
    }
  }, [finished, title]);

  const reached = copy.steps.findIndex(([state]) => state === status.state);
  const current = copy.steps[Math.max(0, reached)]?.[1] ?? "";
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <a className="nhsuk-back-link" href="/batch-check">
          {copy.back}
        </a>
        <h1 ref={heading} tabIndex={-1}>
          {title} <span className="nhsuk-caption-l nhsuk-caption--bottom">{subjectText(status)}</span>
        </h1>
        {status.state === "failed" ? (
          <div className="nhsuk-warning-callout" data-testid="batch-failed">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {copy.failedHeading}
            </h2>
            <p>{copy.errorText[status.error?.code ?? ""] ?? status.error?.message}</p>
            <p>{status.error?.message}</p>
            <p>{copy.failedWhatNext}</p>
            {status.reference ? (
              <p>
                {copy.reference}: <strong>{status.reference}</strong>
              </p>
            ) : null}
          </div>
        ) : null}
        {status.state !== "ready" && status.state !== "failed" ? (
          <>
            <h2 className="nhsuk-heading-s">{copy.progressLabel}</h2>
            <ol className="nhsuk-list" data-testid="batch-progress" data-state={status.state}>
              {copy.steps.map(([state, label], index) => {
                const tag = index < reached ? copy.stepDone : index === reached ? copy.stepNow : copy.stepWaiting;
                const colour = index < reached ? "nhsuk-tag--green" : index === reached ? "nhsuk-tag--blue" : "nhsuk-tag--grey";
                return (
                  <li key={state} className="nhsuk-u-margin-bottom-2" aria-current={index === reached ? "step" : undefined}>
                    {index + 1}. {label} <strong className={`nhsuk-tag ${colour}`}>{tag}</strong>
                  </li>
                );
              })}
            </ol>
            <p className="nhsuk-body-s">{copy.progressHint}</p>
          </>
        ) : null}
        <p className="nhsuk-u-visually-hidden" aria-live="polite" data-testid="progress-announcement">
          {copy.announce(status.state === "failed" ? copy.failedHeading : current)}
        </p>
        {status.state === "ready" ? <BatchResults status={status} /> : null}
      </div>
    </div>
  );
}
