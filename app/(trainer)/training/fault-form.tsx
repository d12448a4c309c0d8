"use client";
import { Button } from "nhsuk-react-components";
import { type FormEvent, useState } from "react";
import { StepErrorSummary } from "@/components/forms/step-error-summary";
import type { TrainingFaultBody } from "@/lib/schemas/training";
import {
  faultNotice,
  faultScope,
  TRAINING_FAULT_KINDS,
  TRAINING_FAULT_LABELS,
  type TrainingFaultKind,
} from "@/lib/training/training-faults";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { ConfirmPanel } from "./confirm-action";
import { trainingConsoleCopy as copy } from "./copy";

const FIELD_IDS = { kind: "fault-kind", latencyMs: "fault-latency", scope: "fault-scope", nhsNumber: "fault-nhs-number" } as const;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

/**
 * Switch a fault on: which fault (slow replies reveal the latency field), for everyone or one
 * patient (reveals the NHS number), checked in the browser with the API's own schema, then
 * confirmed. The server checks it all again. The schema (and zod, ~30 kB gzip) is loaded when the
 * form is first submitted, not with the page.
 */
export function FaultForm() {
  const [kind, setKind] = useState<TrainingFaultKind | "">("");
  const [latency, setLatency] = useState("5000");
  const [scope, setScope] = useState<"everyone" | "patient" | "">("");
  const [nhsNumber, setNhsNumber] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [asking, setAsking] = useState<TrainingFaultBody | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const schemas = await loadOnDemand(
      () => import("@/lib/schemas/training"),
      (found) => {
        setErrors(found);
        setAttempt((n) => n + 1);
      },
    );
    if (!schemas) return;
    const { trainingFaultBody } = schemas;
    const found: Record<string, string> = {};
    if (!scope) found.scope = copy.faults.scopeError;
    const parsed = trainingFaultBody.safeParse({
      kind: kind || undefined,
      ...(kind === "slow" ? { latencyMs: latency.trim() === "" ? Number.NaN : latency.trim() } : {}),
      ...(scope === "patient" ? { nhsNumber: nhsNumber } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "kind");
        found[field] ??= issue.message;
      }
    }
    if (scope === "patient" && nhsNumber.trim() === "") found.nhsNumber = copy.faults.nhsNumberMissing;
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length === 0 && parsed.success) setAsking(parsed.data);
  }

  if (asking) {
    const what = TRAINING_FAULT_LABELS[asking.kind].label;
    return (
      <ConfirmPanel
        confirmation={{
          heading: copy.faults.onConfirmHeading(what),
          lines: [...copy.faults.onConfirmLines(faultScope(asking)), faultNotice(asking)],
          confirm: copy.faults.onConfirm,
        }}
        request={{ path: "/api/training/faults", method: "POST", body: asking }}
        done="fault-on"
        onCancel={() => setAsking(undefined)}
      />
    );
  }

  const group = (field: string) => `nhsuk-form-group${errors[field] ? " nhsuk-form-group--error" : ""}`;
  return (
    <form noValidate onSubmit={(event) => void submit(event)} data-testid="fault-form">
      <div key={attempt}>
        <StepErrorSummary title={copy.faults.errorSummaryTitle} errors={errors} anchors={FIELD_IDS} />
      </div>
      <div className={group("kind")}>
        <fieldset className="nhsuk-fieldset" aria-describedby={errors.kind ? `${FIELD_IDS.kind}-error` : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{copy.faults.kindLegend}</legend>
          <FieldError id={FIELD_IDS.kind} message={errors.kind} />
          <div className="nhsuk-radios nhsuk-radios--conditional">
            {TRAINING_FAULT_KINDS.map((value, index) => (
              <div key={value}>
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id={index === 0 ? FIELD_IDS.kind : `${FIELD_IDS.kind}-${value}`}
                    name="kind"
                    type="radio"
                    value={value}
                    checked={kind === value}
                    onChange={() => setKind(value)}
                    aria-describedby={`${FIELD_IDS.kind}-${value}-hint`}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={index === 0 ? FIELD_IDS.kind : `${FIELD_IDS.kind}-${value}`}>
                    {TRAINING_FAULT_LABELS[value].label}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${FIELD_IDS.kind}-${value}-hint`}>
                    {TRAINING_FAULT_LABELS[value].hint}
                  </div>
                </div>
                {value === "slow" && kind === "slow" ? (
                  <div className="nhsuk-radios__conditional">
                    <div className={group("latencyMs")}>
                      <label className="nhsuk-label" htmlFor={FIELD_IDS.latencyMs}>
                        {copy.faults.latencyLabel}
                      </label>
                      <div className="nhsuk-hint" id={`${FIELD_IDS.latencyMs}-hint`}>
                        {copy.faults.latencyHint}
                      </div>
                      <FieldError id={FIELD_IDS.latencyMs} message={errors.latencyMs} />
                      <input
                        className={`nhsuk-input nhsuk-input--width-10${errors.latencyMs ? " nhsuk-input--error" : ""}`}
                        id={FIELD_IDS.latencyMs}
                        name="latencyMs"
                        type="text"
                        inputMode="numeric"
                        value={latency}
                        onChange={(event) => setLatency(event.target.value)}
                        aria-describedby={`${FIELD_IDS.latencyMs}-hint${errors.latencyMs ? ` ${FIELD_IDS.latencyMs}-error` : ""}`}
                      />
                    </div>
                  </div>
                ) : null}
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={group("scope")}>
        <fieldset className="nhsuk-fieldset" aria-describedby={errors.scope ? `${FIELD_IDS.scope}-error` : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{copy.faults.scopeLegend}</legend>
          <FieldError id={FIELD_IDS.scope} message={errors.scope} />
          <div className="nhsuk-radios nhsuk-radios--conditional">
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={FIELD_IDS.scope}
                name="scope"
                type="radio"
                value="everyone"
                checked={scope === "everyone"}
                onChange={() => setScope("everyone")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={FIELD_IDS.scope}>
                {copy.faults.everyone}
              </label>
            </div>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={`${FIELD_IDS.scope}-patient`}
                name="scope"
                type="radio"
                value="patient"
                checked={scope === "patient"}
                onChange={() => setScope("patient")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${FIELD_IDS.scope}-patient`}>
                {copy.faults.onePatient}
              </label>
            </div>
            {scope === "patient" ? (
              <div className="nhsuk-radios__conditional">
                <div className={group("nhsNumber")}>
                  <label className="nhsuk-label" htmlFor={FIELD_IDS.nhsNumber}>
                    {copy.faults.nhsNumberLabel}
                  </label>
                  <div className="nhsuk-hint" id={`${FIELD_IDS.nhsNumber}-hint`}>
                    {copy.faults.nhsNumberHint}
                  </div>
                  <FieldError id={FIELD_IDS.nhsNumber} message={errors.nhsNumber} />
                  <input
                    className={`nhsuk-input nhsuk-input--width-10${errors.nhsNumber ? " nhsuk-input--error" : ""}`}
                    id={FIELD_IDS.nhsNumber}
                    name="nhsNumber"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={nhsNumber}
                    onChange={(event) => setNhsNumber(event.target.value)}
                    aria-describedby={`${FIELD_IDS.nhsNumber}-hint${errors.nhsNumber ? ` ${FIELD_IDS.nhsNumber}-error` : ""}`}
                  />
                </div>
              </div>
            ) : null}
          </div>
        </fieldset>
      </div>
      <Button type="submit" data-testid="switch-fault-on">
        {copy.faults.button}
      </Button>
    </form>
  );
}
