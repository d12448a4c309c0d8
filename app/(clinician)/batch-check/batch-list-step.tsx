"use client";
import { Button, Radios, Textarea } from "nhsuk-react-components";
import type { FormEvent } from "react";
import type { BatchAnswers, BatchWorkgroup } from "./batch-check-flow";
import { batchCheckCopy as copy } from "./copy";

/** The list (a CSV file, or NHS numbers pasted one per line) and who the check is for, on one page. */
export function BatchListStep({
  answers,
  errors,
  workgroups,
  workgroupsUnavailable,
  onChange,
  onContinue,
}: {
  answers: BatchAnswers;
  errors: Record<string, string>;
  workgroups: BatchWorkgroup[];
  workgroupsUnavailable: boolean;
  onChange: (patch: Partial<BatchAnswers>) => void;
  onContinue: (event: FormEvent) => void;
}) {
  const fileError = errors.list;
  return (
    <form noValidate onSubmit={onContinue}>
      <h1>{copy.list.heading}</h1>
      <p>{copy.list.intro}</p>
      <div className={`nhsuk-form-group${fileError ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="list">
          {copy.list.uploadLabel}
        </label>
        <div className="nhsuk-hint" id="list-hint">
          {copy.list.uploadHint}
        </div>
        {fileError ? (
          <span className="nhsuk-error-message" id="list-error">
            <span className="nhsuk-u-visually-hidden">Error: </span>
            {fileError}
          </span>
        ) : null}
        <input
          className="nhsuk-u-margin-bottom-2"
          id="list"
          name="list"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby={`list-hint${fileError ? " list-error" : ""}`}
          onChange={(e) => onChange({ file: e.target.files?.[0] })}
        />
        {answers.file ? (
          <p className="nhsuk-body-s" data-testid="chosen-file">
            {copy.list.chosenFile}: {answers.file.name}
          </p>
        ) : null}
      </div>
      <p className="nhsuk-body-l">{copy.list.or}</p>
      <Textarea
        id="pasted"
        name="pasted"
        label={copy.list.pasteLabel}
        labelProps={{ size: "s" }}
        hint={copy.list.pasteHint}
        error={errors.pasted}
        rows={8}
        spellCheck={false}
        value={answers.pasted}
        onChange={(e) => onChange({ pasted: e.target.value })}
      />
      {workgroupsUnavailable ? <p className="nhsuk-body-s">{copy.subject.workgroupsUnavailable}</p> : null}
      {workgroups.length > 0 ? (
        <Radios name="subject" legend={copy.subject.legend} legendProps={{ size: "m" }} hint={copy.subject.hint}>
          <Radios.Item id="subject" value="self" checked={answers.subject === "self"} onChange={() => onChange({ subject: "self" })}>
            {copy.subject.me}
          </Radios.Item>
          {workgroups.map((workgroup) => (
            <Radios.Item
              key={workgroup.workgroupId}
              id={`subject-${workgroup.workgroupId}`}
              value={workgroup.workgroupId}
              checked={answers.subject === workgroup.workgroupId}
              onChange={() => onChange({ subject: workgroup.workgroupId })}
            >
              {workgroup.name} {copy.subject.workgroupSuffix}
            </Radios.Item>
          ))}
        </Radios>
      ) : null}
      <Button type="submit">{copy.list.continue}</Button>
    </form>
  );
}
