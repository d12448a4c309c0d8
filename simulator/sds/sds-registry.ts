import { z } from "zod";
import registryJson from "@/simulator/data/sds-registry.json";

/** ISO 8601 durations as SDS writes them (PT1M, PT5M, PT30S, PT0.5S). */
export function parseIsoDurationMs(value: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
  if (!match || value === "PT") throw new Error(`unsupported ISO 8601 duration ${value}`);
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return Math.round((Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000);
}

const senderSchema = z.object({
  name: z.string(),
  asid: z.string().regex(/^\d{12}$/),
  odsCode: z.string(),
  partyKey: z.string().min(1),
  /** The sender's CPA id for any service cpaIdByService leaves out. */
  cpaId: z.string().min(1),
  /**
   * SDS holds a CPA id per service (and interaction) for each accredited system (docs/domain.md
   * §8.5): keys are a service or "service:interaction" (colon form).
   */
  cpaIdByService: z.record(z.string(), z.string().min(1)).optional(),
  inboundEndpoint: z.string().min(1),
  reliability: z.object({
    retries: z.number().int().nonnegative(),
    retryInterval: z.string(),
    persistDuration: z.string(),
  }),
  /** SDS "service:interaction" keys (colon form). */
  allowedInteractions: z.array(z.string()),
});

export const sdsRegistrySchema = z.object({ senders: z.array(senderSchema) });
export type SdsRegistry = z.infer<typeof sdsRegistrySchema>;
export type AccreditedSender = z.infer<typeof senderSchema>;

/** Placeholders in the registry file that configuration fills in. */
export interface RegistryPlaceholders {
  bffInboundUrl: string;
}

export function loadSdsRegistry(placeholders: RegistryPlaceholders, raw: unknown = registryJson): SdsRegistry {
  const registry = sdsRegistrySchema.parse(raw);
  return {
    senders: registry.senders.map((sender) => ({
      ...sender,
      inboundEndpoint: sender.inboundEndpoint.replaceAll("{{SIMULATOR_BFF_INBOUND_URL}}", placeholders.bffInboundUrl),
    })),
  };
}

/** SDS look-ups the pipeline needs. */
export class SdsDirectory {
  constructor(readonly registry: SdsRegistry) {}

  byAsid(asid: string | undefined): AccreditedSender | undefined {
    return asid === undefined ? undefined : this.registry.senders.find((sender) => sender.asid === asid);
  }

  /** The sender that holds this CPA id for any service. */
  byCpaId(cpaId: string): AccreditedSender | undefined {
    return this.registry.senders.find((sender) => sender.cpaId === cpaId || Object.values(sender.cpaIdByService ?? {}).includes(cpaId));
  }

  /** The CPA id SDS holds for this sender and service (+ interaction, when it has a row of its own). */
  cpaIdFor(sender: AccreditedSender, service: string, interactionId?: string): string {
    const byService = sender.cpaIdByService ?? {};
    return (interactionId ? byService[`${service}:${interactionId}`] : undefined) ?? byService[service] ?? sender.cpaId;
  }

  byPartyKey(partyKey: string): AccreditedSender | undefined {
    return this.registry.senders.find((sender) => sender.partyKey === partyKey);
  }

  /** Access control: is this sender registered for "service:interaction"? */
  allows(sender: AccreditedSender, service: string, interactionId: string): boolean {
    return sender.allowedInteractions.includes(`${service}:${interactionId}`);
  }
}
