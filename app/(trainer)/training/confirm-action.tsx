"use client";
import { Button, Panel } from "nhsuk-react-components";
import { useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { ProblemMessage } from "@/components/forms/problem-message";
import type { UiError } from "@/lib/schemas/api-error";
import { trainingConsoleCopy as copy } from "./copy";

export interface ConsoleRequest {
  path: string;
  method: "POST" | "DELETE";
  body?: unknown;
}

/** What the trainer is asked before an action runs: an NHS interruption panel with yes / cancel. */
export interface Confirmation {
  heading: string;
  lines: readonly string[];
  confirm: string;
}

/**
 * Asks, then does, one console action: the interruption panel takes focus, "Yes" sends the request
 * and, once the server has done it, reloads the console with its success banner; a refusal is
 * shown in place and nothing is claimed.
 */
export function ConfirmPanel({
  confirmation,
  request,
  done,
  onCancel,
}: {
  confirmation: Confirmation;
  request: ConsoleRequest;
  done: string;
  onCancel: () => void;
}) {
  const [state, setState] = useState<"asking" | "sending" | { problem: UiError }>("asking");
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);

  async function send() {
    setState("sending");
    try {
      await apiFetch(request.path, { method: request.method, ...(request.body === undefined ? {} : { body: request.body }) });
      window.location.assign(`/training?done=${done}`);
    } catch (error) {
      setState({ problem: error as UiError });
    }
  }

  return (
    <div ref={panel} tabIndex={-1} data-testid="confirm-panel" className="nhsuk-u-margin-bottom-4">
      <Panel interruption>
        <Panel.Title headingLevel="h3">{confirmation.heading}</Panel.Title>
        {confirmation.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <div className="nhsuk-button-group">
          <Button
            type="button"
            reverse
            onClick={send}
            disabled={state === "sending"}
            aria-disabled={state === "sending"}
            data-testid="confirm"
          >
            {confirmation.confirm}
          </Button>
          <a
            className="nhsuk-link nhsuk-link--reverse"
            href="/training"
            onClick={(event) => {
              event.preventDefault();
              onCancel();
            }}
          >
            {copy.cancel}
          </a>
        </div>
      </Panel>
      {typeof state === "object" ? <ProblemMessage error={state.problem} kind="update" focus /> : null}
    </div>
  );
}

/** A button that opens its confirmation panel in place. */
export function ConfirmAction({
  label,
  secondary = false,
  confirmation,
  request,
  done,
  testId,
}: {
  label: string;
  secondary?: boolean;
  confirmation: Confirmation;
  request: ConsoleRequest;
  done: string;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (asking) return <ConfirmPanel confirmation={confirmation} request={request} done={done} onCancel={() => setAsking(false)} />;
  return (
    <Button type="button" secondary={secondary} onClick={() => setAsking(true)} data-testid={testId}>
      {label}
    </Button>
  );
}
