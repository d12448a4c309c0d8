import { z } from "zod";
import { SPINE_ERRORS, type SpineErrorKey } from "@/lib/hl7";

/** Injected errors must name an entry of the shared Spine error catalogue (lib/hl7 vocab). */
const spineErrorKey = z.enum(SPINE_ERRORS.map((error) => error.key) as [SpineErrorKey, ...SpineErrorKey[]]);

/** One misbehaviour the simulator can be told to show. Data, not code: see data/faults.json. */
export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("soapFault"),
    /** TMS error code (urn:nhs:names:error:tms): 200 default failure, 206 retriable, 101 unsupported. */
    errorCode: z.string().min(1),
    description: z.string().optional(),
    /** Fault only the first n matching requests, then behave normally. */
    times: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal("businessError"), error: spineErrorKey }),
  z.object({ kind: z.literal("reject"), error: spineErrorKey }),
  z.object({ kind: z.literal("delay"), delayMs: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("noReply") }),
  z.object({ kind: z.literal("duplicateReply") }),
  z.object({ kind: z.literal("lateReply") }),
  z.object({ kind: z.literal("malformedReply") }),
  z.object({ kind: z.literal("wrongRefToMessageId") }),
]);

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultKind = FaultSpec["kind"];

export const nhsNumberFaultSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9]+$/),
  nhsNumber: z.string().regex(/^999\d{7}$/),
  fault: faultSpecSchema,
  description: z.string(),
});

export const faultCatalogueSchema = z.object({ faults: z.array(nhsNumberFaultSchema) });

export type NhsNumberFault = z.infer<typeof nhsNumberFaultSchema>;

/** A fault armed through the control API: matches on any given field, for `times` requests or forever. */
export const armedFaultSchema = z.object({
  match: z
    .object({
      nhsNumber: z.string().optional(),
      interactionId: z.string().optional(),
      senderAsid: z.string().optional(),
    })
    .default({}),
  fault: faultSpecSchema,
  times: z.number().int().positive().optional(),
});

export type ArmedFault = z.infer<typeof armedFaultSchema>;
