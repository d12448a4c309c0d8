import { z } from "zod";
import { SLOW_REPLY_LIMITS_MS, TRAINING_FAULT_KINDS } from "@/lib/training/training-faults";
import { TRAINING_SCENARIOS } from "@/lib/training/training-scenarios";
import { nhsNumberSchema } from "./params";

/** The trainer console's API contract (app/api/training/*). */
export const scenarioParams = z.object({
  scenarioId: z.enum(TRAINING_SCENARIOS.map((scenario) => scenario.id) as [string, ...string[]], {
    error: "There is no training scenario with that name.",
  }),
});

export const faultParams = z.object({ faultId: z.coerce.number().int().positive() });

export const FAULT_FIELD_MESSAGES = {
  kind: "Select which fault to switch on",
  latency: `Enter how long Spine takes to answer, in milliseconds, between ${SLOW_REPLY_LIMITS_MS.min} and ${SLOW_REPLY_LIMITS_MS.max}`,
  scope: "Select who the fault applies to",
} as const;

export const trainingFaultBody = z
  .object({
    kind: z.enum(TRAINING_FAULT_KINDS, { error: FAULT_FIELD_MESSAGES.kind }),
    latencyMs: z.coerce
      .number({ error: FAULT_FIELD_MESSAGES.latency })
      .int({ error: FAULT_FIELD_MESSAGES.latency })
      .min(SLOW_REPLY_LIMITS_MS.min, { error: FAULT_FIELD_MESSAGES.latency })
      .max(SLOW_REPLY_LIMITS_MS.max, { error: FAULT_FIELD_MESSAGES.latency })
      .optional(),
    nhsNumber: nhsNumberSchema.optional(),
  })
  .refine((body) => body.kind !== "slow" || body.latencyMs !== undefined, { path: ["latencyMs"], error: FAULT_FIELD_MESSAGES.latency });

export type TrainingFaultBody = z.infer<typeof trainingFaultBody>;

export interface TrainingResetResponse {
  scenario: string | null;
  failedMessages: number;
  alertsSeeded: number;
}
