"use client";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { UiError } from "@/lib/schemas/api-error";
import type { AuditChainVerification } from "@/lib/schemas/audit-trail";
import { auditTrailCopy } from "./copy";

type State = { kind: "idle" } | { kind: "checking" } | { kind: "done"; result: AuditChainVerification } | { kind: "error"; error: UiError };

const copy = auditTrailCopy.verify;

/** Runs the chain verification on the server and shows OK or the first broken event. */
export function VerifyButton() {
  const [state, setState] = useState<State>({ kind: "idle" });
  async function verify() {
    setState({ kind: "checking" });
    try {
      setState({ kind: "done", result: await apiFetch<AuditChainVerification>("/api/audit/verify", { method: "POST" }) });
    } catch (error) {
      setState({ kind: "error", error: error as UiError });
    }
  }
  return (
    <>
      <div aria-live="polite" data-testid="verify-result">
        {state.kind === "checking" ? <p>{copy.checking}</p> : null}
        {state.kind === "done" && state.result.ok ? (
          <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="verify-title">
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title" id="verify-title">
                {copy.okTitle}
              </h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <h3 className="nhsuk-notification-banner__heading">{copy.okHeading}</h3>
              <p>{copy.ok(state.result.rows)}</p>
              {state.result.head ? (
                <p className="nhsuk-body-s break-all">{copy.head(state.result.head.id, state.result.head.hash)}</p>
              ) : null}
            </div>
          </div>
        ) : null}
        {state.kind === "done" && !state.result.ok ? (
          <div className="nhsuk-notification-banner" role="alert" aria-labelledby="verify-title" data-broken-id={state.result.broken.id}>
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title" id="verify-title">
                {copy.brokenTitle}
              </h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <h3 className="nhsuk-notification-banner__heading">{copy.brokenHeading(state.result.broken.id)}</h3>
              <p>{state.result.broken.message}</p>
              <p>{copy.brokenAdvice}</p>
            </div>
          </div>
        ) : null}
        {state.kind === "error" ? (
          <p className="nhsuk-error-message">
            {copy.failed} {state.error.message}
          </p>
        ) : null}
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={verify} disabled={state.kind === "checking"}>
        {copy.button}
      </button>
    </>
  );
}
