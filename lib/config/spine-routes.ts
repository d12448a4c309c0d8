import { readFileSync } from "node:fs";
import { z } from "zod";
import defaultRoutesJson from "./spine-routes.json";

/**
 * Per-service Spine routing (docs/domain.md §8.5): SDS holds a CPA id — and Spine's ASID and
 * party key — per service and interaction, so one value for every service would be refused by real
 * Spine. The table is data: keys are a service ("urn:nhs:names:services:lrs") or a
 * "service:interaction" pair (SDS's colon form); the pair wins over the service. A field a row
 * leaves out falls back to the single configured value (SPINE_CPA_ID, SPINE_TO_ASID, SPINE_TO_PARTY_KEY).
 */
export interface SpineRoute {
  cpaId: string;
  /** Spine's ASID for this service: communicationFunctionRcv of our requests. */
  toAsid: string;
  /** Spine's ebXML party key for this service (eb:To). */
  toPartyKey: string;
}

const routeRow = z
  .object({
    cpaId: z.string().min(1).optional(),
    toAsid: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    toPartyKey: z.string().min(1).optional(),
  })
  .strict();

const routeFile = z.object({
  $comment: z.string().optional(),
  routes: z.record(z.string().regex(/^urn:nhs:names:services:[a-z]+(:[A-Z]{4}_IN\d{6}[A-Z]{2}\d{2})?$/), routeRow),
});

export type SpineRouteTable = Readonly<Record<string, z.infer<typeof routeRow>>>;

/** Parse a routing table (the file's JSON); bad tables fail fast at start-up. */
export function parseSpineRoutes(raw: unknown, source = "spine routes"): SpineRouteTable {
  const parsed = routeFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid ${source}:\n${lines.join("\n")}`);
  }
  return parsed.data.routes;
}

/** The deployment's table (SPINE_ROUTES_FILE), or the shipped synthetic one. */
export function loadSpineRoutes(file?: string): SpineRouteTable {
  if (!file) return parseSpineRoutes(defaultRoutesJson, "lib/config/spine-routes.json");
  return parseSpineRoutes(JSON.parse(readFileSync(file, "utf8")), `SPINE_ROUTES_FILE ${file}`);
}

/** The route for one service+interaction: the pair's row, then the service's row, then the defaults — field by field. */
export function resolveSpineRoute(
  table: SpineRouteTable | undefined,
  defaults: SpineRoute,
  service: string,
  interactionId: string,
): SpineRoute {
  const exact = table?.[`${service}:${interactionId}`] ?? {};
  const byService = table?.[service] ?? {};
  return {
    cpaId: exact.cpaId ?? byService.cpaId ?? defaults.cpaId,
    toAsid: exact.toAsid ?? byService.toAsid ?? defaults.toAsid,
    toPartyKey: exact.toPartyKey ?? byService.toPartyKey ?? defaults.toPartyKey,
  };
}
