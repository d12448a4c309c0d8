"use client";
import { Textarea } from "nhsuk-react-components";

/**
 * The free-text details a journey asks for next to its coded reason. Id and name are the field's
 * own, so the step's error summary links straight to it.
 */
export function ReasonDetails({
  field,
  copy,
  error,
  rows,
  value,
  onChange,
}: {
  field: string;
  copy: { textLabel: string; textHint: string };
  error: string | undefined;
  rows: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Textarea
      id={field}
      name={field}
      label={copy.textLabel}
      hint={copy.textHint}
      error={error}
      rows={rows}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
