import "server-only";
import { resolveSpineRoute, type SpineRoute } from "@/lib/config/spine-routes";
import { INTERACTIONS, type InteractionId, isReplyInteraction, isRequestInteraction } from "@/lib/hl7";
import type { SpineOptions } from "./spine-options";

type RouteOptions = Pick<SpineOptions, "routes" | "cpaId" | "toAsid" | "spinePartyKey">;

function defaults(options: RouteOptions): SpineRoute {
  return { cpaId: options.cpaId, toAsid: options.toAsid, toPartyKey: options.spinePartyKey };
}

/** CPA id, Spine ASID and Spine party key for an interaction, on its own service (docs/domain.md §8.5). */
export function spineRouteFor(options: RouteOptions, interactionId: InteractionId): SpineRoute {
  return resolveSpineRoute(options.routes, defaults(options), INTERACTIONS[interactionId].service, interactionId);
}

/**
 * The route an inbound ebXML message should have come on: its eb:Service and eb:Action (replies,
 * including MCCI/QUQI errors, travel on the request's service).
 */
export function spineRouteForInbound(
  options: Omit<RouteOptions, "toAsid">,
  service: string,
  action: string,
): Pick<SpineRoute, "cpaId" | "toPartyKey"> {
  const known = isRequestInteraction(action) || isReplyInteraction(action);
  const { cpaId, toPartyKey } = resolveSpineRoute(options.routes, defaults({ ...options, toAsid: "" }), service, known ? action : "");
  return { cpaId, toPartyKey };
}
