import type { Kysely } from "kysely";
import type { MessageHeader, ReplyInteractionId, ReplyPayloads, SpineErrorKey } from "@/lib/hl7";
import type { SimulatorConfig } from "@/simulator/config";
import type { SimulatorDatabase } from "@/simulator/store/schema";

export interface BusinessContext {
  db: Kysely<SimulatorDatabase>;
  config: SimulatorConfig;
  /** The request's wrapper header (ControlActEvent author, sender ASID…). */
  header: MessageHeader;
}

export type BusinessReply = {
  [K in ReplyInteractionId]: { interactionId: K; payload: ReplyPayloads[K] };
}[ReplyInteractionId];

/** What a business operation decides: a success reply, or a catalogued Spine error (AE). */
export type BusinessOutcome = { ok: true; reply: BusinessReply } | { ok: false; error: SpineErrorKey; detail: string };

export function businessError(error: SpineErrorKey, detail: string): BusinessOutcome {
  return { ok: false, error, detail };
}

export function reply<K extends ReplyInteractionId>(interactionId: K, payload: ReplyPayloads[K]): BusinessOutcome {
  return { ok: true, reply: { interactionId, payload } as BusinessReply };
}
