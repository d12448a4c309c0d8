"use client";
import type { RefObject } from "react";
import { UpdateOutcomeStep } from "@/components/lr/update-outcome";
import type { LrUpdateFlow } from "@/components/lr/use-lr-update-flow";
import { selfClaimCopy as copy } from "./copy";

/**
 * The shared outcome (waiting for Spine, confirmed, failed) with the self-claim's own "what happens
 * next" (a privacy-officer review is promised only for self-claimed LRs) and, on failure, a way back.
 */
export function SelfClaimOutcomeStep({
  container,
  flow,
  nhsNumber,
  lrType,
  selfClaimedType,
}: {
  container: RefObject<HTMLDivElement | null>;
  flow: Pick<LrUpdateFlow, "outcome" | "submit" | "checkAgain">;
  nhsNumber: string;
  lrType: string;
  /** The self-claimed LR type's code (the page's default type), so the HL7 tables stay on the server. */
  selfClaimedType: string;
}) {
  return (
    <UpdateOutcomeStep
      container={container}
      flow={flow}
      copy={copy.outcome}
      whatNext={
        <>
          <h2>{copy.whatNext.heading}</h2>
          <p>{lrType === selfClaimedType ? copy.whatNext.body : copy.whatNext.bodyOtherType}</p>
          <p>
            <a href={`/patients/${nhsNumber}`}>{copy.whatNext.patientLink}</a>
          </p>
        </>
      }
    >
      {flow.outcome?.phase === "failed" ? (
        <p>
          <a href={`/patients/${nhsNumber}`}>{copy.backToPatient}</a>
        </p>
      ) : null}
    </UpdateOutcomeStep>
  );
}
