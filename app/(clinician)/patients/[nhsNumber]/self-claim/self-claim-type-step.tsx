"use client";
import { Button, Radios } from "nhsuk-react-components";
import type { FormEvent } from "react";
import { selfClaimCopy as copy } from "./copy";
import type { SelfClaimOption } from "./self-claim-steps";

/** The LR type, offered only to roles that may create other types. */
export function SelfClaimTypeStep({
  types,
  lrType,
  error,
  onChange,
  onContinue,
}: {
  types: SelfClaimOption[];
  lrType: string;
  error: string | undefined;
  onChange: (lrType: string) => void;
  onContinue: (event: FormEvent) => void;
}) {
  return (
    <form noValidate onSubmit={onContinue}>
      <Radios name="lrType" legend={copy.type.legend} legendProps={{ isPageHeading: true, size: "l" }} hint={copy.type.hint} error={error}>
        {types.map((type) => (
          <Radios.Item
            key={type.code}
            id={`lrType-${type.code}`}
            value={type.code}
            checked={lrType === type.code}
            onChange={() => onChange(type.code)}
          >
            {type.name}
          </Radios.Item>
        ))}
      </Radios>
      <Button type="submit">{copy.continue}</Button>
    </form>
  );
}
