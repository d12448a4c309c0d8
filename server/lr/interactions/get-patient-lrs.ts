import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type CompleteLrEntry, DISSENT_OVERRIDES, formatHl7Timestamp, isCodeIn, type SimpleLrEntry } from "@/lib/hl7";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { type LrContext, queryAsUser, unexpectedReply } from "../lr-context";

/** All LRs of a patient (QUPC_IN020000UK17, async express), with a dissent override where justified. */
export interface GetPatientLrsInput {
  nhsNumber: NhsNumber;
  detail: "simple" | "comprehensive";
  /** DissentOverride code; "0" = no override. */
  dissentOverride?: string;
  timePeriod?: { start: Date; end?: Date };
}

export type PatientLrs =
  | { messageId: string; nhsNumber: string; detail: "simple"; entries: SimpleLrEntry[] }
  | { messageId: string; nhsNumber: string; detail: "comprehensive"; entries: CompleteLrEntry[] };

const DETAIL_CODES = { simple: "01", comprehensive: "02" } as const;

export async function getPatientLrs(ctx: LrContext, input: GetPatientLrsInput): Promise<PatientLrs> {
  const { nhsNumber } = input;
  const dissentOverride = input.dissentOverride ?? "0";
  if (!isCodeIn(DISSENT_OVERRIDES, dissentOverride)) {
    throw new AppError("invalid_input", "Choose a reason for overriding the patient's dissent.", {
      fields: { dissentOverride: "Choose a reason" },
    });
  }
  const { messageId, reply } = await queryAsUser(
    ctx,
    {
      interactionId: "QUPC_IN020000UK17",
      payload: {
        dissentOverride,
        nhsNumber,
        responseType: DETAIL_CODES[input.detail],
        ...(input.timePeriod
          ? {
              timePeriod: {
                start: formatHl7Timestamp(input.timePeriod.start),
                ...(input.timePeriod.end ? { end: formatHl7Timestamp(input.timePeriod.end) } : {}),
              },
            }
          : {}),
      },
    },
    { kind: "lr-details", description: "List legitimate relationships", dissentOverride },
  );
  if (reply.interactionId === "QUPC_IN060000UK32") {
    return { messageId, nhsNumber: reply.payload.nhsNumber, detail: "simple", entries: reply.payload.entries };
  }
  if (reply.interactionId === "QUPC_IN070000UK32") {
    return { messageId, nhsNumber: reply.payload.nhsNumber, detail: "comprehensive", entries: reply.payload.entries };
  }
  throw unexpectedReply(reply.interactionId, messageId);
}
