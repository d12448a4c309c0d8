"use client";
import { Button, ErrorSummary, TextInput } from "nhsuk-react-components";

export interface NhsNumberSearchCopy {
  heading: string;
  label: string;
  hint: string;
  submit: string;
  errorSummaryTitle: string;
}

const INPUT_ID = "nhsNumber";

/**
 * The one NHS-number box (NHS CUI NUM-0010): a GET form, so the server does the checking. When it
 * found a problem, the error summary (focused on arrival by the design system's script) links to
 * the input, which carries the same message inline.
 */
export function NhsNumberSearch({ copy, value, error }: { copy: NhsNumberSearchCopy; value: string; error?: string }) {
  return (
    <form method="get" action="/patients" noValidate>
      {error ? (
        <ErrorSummary>
          <ErrorSummary.Title>{copy.errorSummaryTitle}</ErrorSummary.Title>
          <ErrorSummary.List>
            <ErrorSummary.ListItem href={`#${INPUT_ID}`}>{error}</ErrorSummary.ListItem>
          </ErrorSummary.List>
        </ErrorSummary>
      ) : null}
      <h1>{copy.heading}</h1>
      <TextInput
        id={INPUT_ID}
        name="nhsNumber"
        label={copy.label}
        labelProps={{ size: "m" }}
        hint={copy.hint}
        error={error}
        defaultValue={value}
        width={10}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
      />
      <Button type="submit">{copy.submit}</Button>
    </form>
  );
}
