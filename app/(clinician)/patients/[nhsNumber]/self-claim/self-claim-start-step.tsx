"use client";
import { Button, WarningCallout } from "nhsuk-react-components";
import { selfClaimCopy as copy } from "./copy";

/** What a self-claim is and the warning that it is reviewed, then "Start now". */
export function SelfClaimStartStep({ onStart }: { onStart: () => void }) {
  return (
    <>
      <h1>{copy.start.heading}</h1>
      <p>{copy.start.body}</p>
      <WarningCallout>
        <WarningCallout.Heading headingLevel="h2">{copy.start.warningHeading}</WarningCallout.Heading>
        <p>{copy.start.warning}</p>
      </WarningCallout>
      <Button type="button" onClick={onStart}>
        {copy.start.start}
      </Button>
    </>
  );
}
