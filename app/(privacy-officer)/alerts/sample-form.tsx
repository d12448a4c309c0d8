"use client";
import { type FormEvent, useState } from "react";
import { StepErrorSummary } from "@/components/forms/step-error-summary";
import { useFormPost } from "@/components/forms/use-form-post";
import type { SampleInput } from "@/lib/schemas/alerts";
import { alertQueueCopy } from "./copy";

interface SampleResult {
  sampleId: string;
  seed: string;
  population: number;
  sampled: number;
}

const FIELDS = { percentage: "sample-percentage", from: "sample-from", to: "sample-to", seed: "sample-seed" };

/** Draw a reproducible sample of self-claim alerts (percentage, period, optional seed). */
export function SampleForm() {
  const copy = alertQueueCopy.sample;
  const post = useFormPost<SampleInput, SampleResult>("/api/alerts/samples");
  const [values, setValues] = useState({ percentage: "10", from: "", to: "", seed: "" });
  const errors = post.error?.fields ?? (post.error ? { _: post.error.message } : {});
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await post.submit({
      percentage: Number(values.percentage),
      from: values.from,
      to: values.to,
      ...(values.seed.trim() ? { seed: values.seed.trim() } : {}),
    });
  }
  const field = (name: keyof typeof FIELDS, label: string, props: Record<string, string> = {}, hint?: string) => (
    <div className={`nhsuk-form-group ${errors[name] ? "nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={FIELDS[name]}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${FIELDS[name]}-hint`}>
          {hint}
        </div>
      ) : null}
      {errors[name] ? (
        <span className="nhsuk-error-message" id={`${FIELDS[name]}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {errors[name]}
        </span>
      ) : null}
      <input
        className={`nhsuk-input ${errors[name] ? "nhsuk-input--error" : ""}`}
        id={FIELDS[name]}
        name={name}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-describedby={[hint ? `${FIELDS[name]}-hint` : "", errors[name] ? `${FIELDS[name]}-error` : ""].join(" ").trim() || undefined}
        {...props}
      />
    </div>
  );
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{copy.summary}</span>
      </summary>
      <div className="nhsuk-details__text">
        {post.result ? (
          <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" data-testid="sample-result">
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title">{copy.doneTitle}</h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <p>{copy.done(post.result.sampled, post.result.population, post.result.seed)}</p>
            </div>
          </div>
        ) : null}
        <StepErrorSummary title="There is a problem" errors={errors} anchors={FIELDS} />
        <p>{copy.body}</p>
        <form onSubmit={onSubmit} noValidate>
          {field("percentage", copy.percentage, { inputMode: "numeric", className: "nhsuk-input nhsuk-input--width-3" })}
          {field("from", copy.from, { type: "date" })}
          {field("to", copy.to, { type: "date" })}
          {field("seed", copy.seed, {}, copy.seedHint)}
          <button className="nhsuk-button" type="submit" disabled={post.submitting}>
            {copy.submit}
          </button>
        </form>
      </div>
    </details>
  );
}
