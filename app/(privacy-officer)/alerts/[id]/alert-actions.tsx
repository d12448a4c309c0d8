"use client";
import { type FormEvent, useState } from "react";
import { StepErrorSummary } from "@/components/forms/step-error-summary";
import { useFormPost } from "@/components/forms/use-form-post";
import { ALERT_STATUS_NAMES, type AlertStatus, SETTABLE_STATUSES } from "@/lib/schemas/alerts";
import { alertCopy } from "./copy";

/** Add a note; set the status (closing needs a note). The server refuses the person who caused the alert. */
export function AlertActions({ alertId, status }: { alertId: string; status: AlertStatus }) {
  const copy = alertCopy.actions;
  const notePost = useFormPost<{ note: string }>(`/api/alerts/${alertId}/notes`);
  const statusPost = useFormPost<{ status: string; note?: string }>(`/api/alerts/${alertId}/status`);
  const [note, setNote] = useState("");
  const [newStatus, setNewStatus] = useState<string>("");
  const [statusNote, setStatusNote] = useState("");
  const [saved, setSaved] = useState<string>();

  const noteErrors = notePost.error ? (notePost.error.fields ?? { note: notePost.error.message }) : {};
  const statusErrors = statusPost.error
    ? Object.fromEntries(
        Object.entries(statusPost.error.fields ?? { status: statusPost.error.message }).map(([k, v]) => [
          k === "note" ? "statusNote" : k,
          v,
        ]),
      )
    : {};

  async function addNote(event: FormEvent) {
    event.preventDefault();
    if (await notePost.submit({ note })) {
      setNote("");
      setSaved(copy.noteAdded);
    }
  }
  async function saveStatus(event: FormEvent) {
    event.preventDefault();
    if (await statusPost.submit({ status: newStatus, ...(statusNote.trim() ? { note: statusNote } : {}) })) {
      setSaved(copy.statusSaved(ALERT_STATUS_NAMES[newStatus as AlertStatus] ?? newStatus));
      setStatusNote("");
    }
  }

  return (
    <section aria-labelledby="alert-actions-heading" data-testid="alert-actions">
      <h2 className="nhsuk-heading-m" id="alert-actions-heading">
        {copy.heading}
      </h2>
      {saved ? (
        <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" data-testid="alert-saved">
          <div className="nhsuk-notification-banner__header">
            <h3 className="nhsuk-notification-banner__title">{copy.saved}</h3>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p>{saved}</p>
          </div>
        </div>
      ) : null}
      <StepErrorSummary
        title={copy.errorSummaryTitle}
        errors={{ ...noteErrors, ...statusErrors }}
        anchors={{ note: "alert-note", status: "alert-status-open", statusNote: "alert-status-note", _: "alert-note" }}
      />
      <form onSubmit={addNote} noValidate className="nhsuk-u-margin-bottom-6">
        <div className={`nhsuk-form-group ${noteErrors.note ? "nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="alert-note">
            {copy.noteLabel}
          </label>
          <div className="nhsuk-hint" id="alert-note-hint">
            {copy.noteHint}
          </div>
          {noteErrors.note ? (
            <span className="nhsuk-error-message" id="alert-note-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {noteErrors.note}
            </span>
          ) : null}
          <textarea
            className={`nhsuk-textarea ${noteErrors.note ? "nhsuk-textarea--error" : ""}`}
            id="alert-note"
            name="note"
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            aria-describedby={`alert-note-hint${noteErrors.note ? " alert-note-error" : ""}`}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={notePost.submitting}>
          {copy.addNote}
        </button>
      </form>
      <form onSubmit={saveStatus} noValidate>
        <div className={`nhsuk-form-group ${statusErrors.status ? "nhsuk-form-group--error" : ""}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="alert-status-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{copy.statusLegend}</legend>
            <div className="nhsuk-hint" id="alert-status-hint">
              {copy.statusHint}
            </div>
            {statusErrors.status ? (
              <span className="nhsuk-error-message">
                <span className="nhsuk-u-visually-hidden">Error:</span> {statusErrors.status}
              </span>
            ) : null}
            <div className="nhsuk-radios">
              {SETTABLE_STATUSES.filter((s) => s !== status).map((s) => (
                <div className="nhsuk-radios__item" key={s}>
                  <input
                    className="nhsuk-radios__input"
                    id={`alert-status-${s}`}
                    name="status"
                    type="radio"
                    value={s}
                    checked={newStatus === s}
                    onChange={() => setNewStatus(s)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`alert-status-${s}`}>
                    {ALERT_STATUS_NAMES[s]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`nhsuk-form-group ${statusErrors.statusNote ? "nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="alert-status-note">
            {copy.noteLabel}
          </label>
          {statusErrors.statusNote ? (
            <span className="nhsuk-error-message" id="alert-status-note-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {statusErrors.statusNote}
            </span>
          ) : null}
          <textarea
            className={`nhsuk-textarea ${statusErrors.statusNote ? "nhsuk-textarea--error" : ""}`}
            id="alert-status-note"
            name="statusNote"
            rows={3}
            value={statusNote}
            onChange={(event) => setStatusNote(event.target.value)}
            {...(statusErrors.statusNote ? { "aria-describedby": "alert-status-note-error" } : {})}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={statusPost.submitting}>
          {copy.setStatus}
        </button>
      </form>
    </section>
  );
}
