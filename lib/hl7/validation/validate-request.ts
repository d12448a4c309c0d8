import { Hl7CodecError } from "@/lib/hl7/errors";
import { locateMessage } from "@/lib/hl7/locate-message";
import { requestToElement } from "@/lib/hl7/requests";
import type { Hl7Request, RequestInteractionId } from "@/lib/hl7/types";
import { ALERT_RULES } from "@/lib/hl7/validation/alert-rules";
import { ENVELOPE_RULES, QUERY_RULES } from "@/lib/hl7/validation/query-rules";
import { payloadOf, type RuleContext, type ValidationRule } from "@/lib/hl7/validation/rule-helpers";
import { UPDATE_RULES } from "@/lib/hl7/validation/update-rules";
import { WRAPPER_RULES } from "@/lib/hl7/validation/wrapper-rules";
import { isRequestInteraction } from "@/lib/hl7/vocab/interactions";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child } from "@/lib/hl7/xml/xml-query";
import { type ParseOptions, parseXml } from "@/lib/hl7/xml/xml-read";

export interface RuleViolation {
  /** Spine's symbolic name, e.g. "ErrorBase1712.INVALID_LRTYPE". */
  rule: string;
  /** Plain-English explanation. */
  message: string;
}

export type { ValidationRule } from "@/lib/hl7/validation/rule-helpers";

/** The one rule set both the BFF (before sending) and the simulator (on receipt) run. */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  ...ENVELOPE_RULES,
  ...WRAPPER_RULES,
  ...UPDATE_RULES,
  ...QUERY_RULES,
  ...ALERT_RULES,
];

export interface ValidateOptions extends ParseOptions {
  /**
   * "if-present" (default): SOAP envelope rules run only when the input is an envelope.
   * "require": sync interactions must arrive in an envelope (the simulator's /sync-service).
   */
  envelope?: "if-present" | "require";
}

const NOT_WELL_FORMED = "ErrorBaseTms.MESSAGE_NOT_WELL_FORMED";
const UNSUPPORTED = "ErrorBaseTms.UNSUPPORTED_INTERACTION";

function appliesTo(rule: ValidationRule, interactionId: RequestInteractionId): boolean {
  return rule.interactions === "all" || rule.interactions.includes(interactionId);
}

export function validateRequest(input: string | Hl7Request | XmlElement, options: ValidateOptions = {}): RuleViolation[] {
  let root: XmlElement;
  try {
    if (typeof input === "string") root = parseXml(input, options.limits);
    else if ("interactionId" in input && "header" in input) root = requestToElement(input);
    else root = input;
  } catch (error) {
    const detail = error instanceof Hl7CodecError ? error.message : "unreadable message";
    return [{ rule: NOT_WELL_FORMED, message: `The message could not be read (${detail}).` }];
  }
  const envelope = root.name === "Envelope" ? root : undefined;
  let message: XmlElement;
  try {
    message = locateMessage(envelope ? (child(root, "Body") ?? root) : root, isRequestInteraction);
  } catch {
    return [{ rule: UNSUPPORTED, message: "No supported LR-domain request interaction was found." }];
  }
  const interactionId = message.name as RequestInteractionId;
  const declared = attr(child(message, "interactionId"), "extension");
  const violations: RuleViolation[] = [];
  if (declared !== undefined && declared !== interactionId) {
    violations.push({
      rule: "ErrorBase1712.INTERACTION_ID_MISMATCH",
      message: `interactionId ${declared.slice(0, 30)} does not match the message element ${interactionId}.`,
    });
  }
  const ctx: RuleContext = { interactionId, message, ...payloadOf(message, interactionId) };
  if (envelope) ctx.envelope = envelope;
  const runEnvelopeRules = envelope !== undefined || options.envelope === "require";
  for (const rule of VALIDATION_RULES) {
    if (!appliesTo(rule, interactionId)) continue;
    if (rule.needsEnvelope && !runEnvelopeRules) continue;
    let ok: boolean;
    try {
      ok = rule.check(ctx);
    } catch {
      ok = false;
    }
    if (!ok) violations.push({ rule: rule.name, message: `Spine would refuse this ${interactionId}: ${rule.description}.` });
  }
  return violations;
}
