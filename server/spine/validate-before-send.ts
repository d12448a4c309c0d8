import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { type Hl7Request, type OutboundHl7, outboundOf, requestToElement, validateRequest, type XmlElement } from "@/lib/hl7";

/**
 * Spine 2's own validation rules, run before anything is stored or sent: a message Spine would
 * reject never leaves the BFF. The error lists the rule names for support staff. Takes the typed
 * request, or an already-built HL7 document or element (the same rules either way).
 */
export function assertSendable(request: Hl7Request | XmlElement | string, reference?: string): void {
  const violations = validateRequest(request);
  if (violations.length === 0) return;
  const rules = violations.map((v) => v.rule);
  throw new AppError(
    "spine_rejected",
    `LR Manager did not send this because Spine would reject it: ${violations.map((v) => v.message).join(" ")} (${rules.join(", ")})`,
    { reference: reference ?? (typeof request === "string" || !("header" in request) ? undefined : request.header.messageId) },
  );
}

/** The request built once: checked by Spine's rules, then serialised as the bytes every send carries. */
export function sendableOutbound(request: Hl7Request): OutboundHl7 {
  const element = requestToElement(request);
  assertSendable(element, request.header.messageId);
  return outboundOf(request, element);
}
