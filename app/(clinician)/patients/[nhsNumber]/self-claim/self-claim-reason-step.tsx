"use client";
import { Button, Select } from "nhsuk-react-components";
import type { FormEvent } from "react";
import { ReasonDetails } from "@/components/forms/reason-details";
import { selfClaimCopy as copy } from "./copy";
import type { SelfClaimAnswers, SelfClaimOption } from "./self-claim-steps";

type ReasonAnswers = Pick<SelfClaimAnswers, "accessReasonCode" | "accessReasonText">;

/** Why the user needs access: a coded reason and free-text details. */
export function SelfClaimReasonStep({
  reasons,
  values,
  errors,
  onChange,
  onContinue,
}: {
  reasons: SelfClaimOption[];
  values: ReasonAnswers;
  errors: Partial<Record<keyof ReasonAnswers, string>>;
  onChange: (patch: Partial<ReasonAnswers>) => void;
  onContinue: (event: FormEvent) => void;
}) {
  return (
    <form noValidate onSubmit={onContinue}>
      <h1>{copy.reason.heading}</h1>
      <Select
        id="accessReasonCode"
        name="accessReasonCode"
        label={copy.reason.codeLegend}
        error={errors.accessReasonCode}
        value={values.accessReasonCode}
        onChange={(e) => onChange({ accessReasonCode: e.target.value })}
      >
        <Select.Option value="">{copy.reason.choose}</Select.Option>
        {reasons.map((reason) => (
          <Select.Option key={reason.code} value={reason.code}>
            {reason.name}
          </Select.Option>
        ))}
      </Select>
      <ReasonDetails
        field="accessReasonText"
        copy={copy.reason}
        error={errors.accessReasonText}
        rows={4}
        value={values.accessReasonText}
        onChange={(accessReasonText) => onChange({ accessReasonText })}
      />
      <Button type="submit">{copy.continue}</Button>
    </form>
  );
}
