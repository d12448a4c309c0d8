import type { RequestInteractionId } from "@/lib/hl7/types";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, childElements, findAll } from "@/lib/hl7/xml/xml-query";

/** What a rule sees: the HL7 message element, the payload root, and the SOAP envelope when one was given. */
export interface RuleContext {
  interactionId: RequestInteractionId;
  message: XmlElement;
  controlAct?: XmlElement;
  /** ControlActEvent/subject/<payload> for updates, ControlActEvent/query for queries. */
  payload?: XmlElement;
  envelope?: XmlElement;
}

export interface ValidationRule {
  /** Spine's symbolic error name (INFERRED names are flagged). */
  name: string;
  interactions: "all" | readonly RequestInteractionId[];
  description: string;
  /** True when the reference gives the check but not Spine's exact symbolic name. */
  inferredName?: boolean;
  /** Envelope rules run only when the message came inside a SOAP envelope (or one is required). */
  needsEnvelope?: boolean;
  /** Returns true when the message passes. */
  check(ctx: RuleContext): boolean;
}

export function payloadOf(message: XmlElement, interactionId: RequestInteractionId): { controlAct?: XmlElement; payload?: XmlElement } {
  const controlAct = child(message, "ControlActEvent");
  if (!controlAct) return {};
  const info = INTERACTIONS[interactionId];
  const payload =
    info.payloadSlot === "query" ? child(controlAct, "query") : findAll(controlAct, "subject/*").find((e) => e.name === info.payloadRoot);
  return { controlAct, payload };
}

export const count = (element: XmlElement | undefined, path: string): number => (element ? findAll(element, path).length : 0);

export const all = (element: XmlElement | undefined, path: string): XmlElement[] => (element ? findAll(element, path) : []);

export const first = (element: XmlElement | undefined, path: string): XmlElement | undefined => all(element, path)[0];

export const attrAt = (element: XmlElement | undefined, path: string, name: string): string | undefined => attr(first(element, path), name);

/** Role element under a participation (subject/author). */
export const roleUnder = (element: XmlElement | undefined, participation: string): XmlElement | undefined => {
  const p = first(element, participation);
  return p ? childElements(p)[0] : undefined;
};

export const len = (value: string | undefined): number => (value ?? "").length;

/** "Every element found at path satisfies predicate" (vacuously true when none). */
export const every = (elements: XmlElement[], predicate: (e: XmlElement) => boolean): boolean => elements.every(predicate);
