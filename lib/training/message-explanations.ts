import { VALIDATION_RULES, validateRequest } from "@/lib/hl7/validation/validate-request";
import { ALERT_REASONS, ALERT_TYPES } from "@/lib/hl7/vocab/alert-codes";
import { INTERACTIONS, isRequestInteraction, type MessagePattern } from "@/lib/hl7/vocab/interactions";
import { ACCESS_REASON_CODES, ALERT_CODES, LR_STATUS_CODES, LR_TYPES, SC_REASON_CODES } from "@/lib/hl7/vocab/lr-codes";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { CONFIRMATION_RESP_TYPES, DETAILS_RESP_TYPES, DISSENT_OVERRIDES, ISSUE_QUALIFIERS } from "@/lib/hl7/vocab/query-codes";
import { SPINE_ERRORS } from "@/lib/hl7/vocab/spine-errors";
import { displayNameOf, type Vocabulary } from "@/lib/hl7/vocab/vocabulary";
import { WORKGROUP_ATTRIBUTES, WORKGROUP_STATUSES, WORKGROUP_TYPES } from "@/lib/hl7/vocab/workgroup-codes";
import { isElement, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr } from "@/lib/hl7/xml/xml-query";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";

/**
 * Plain-English explanations for the trainer's message viewer, all read from the codec's own
 * vocabularies (lib/hl7/vocab) and the validator's rule set, so the viewer never says anything the
 * codec and the simulator do not also act on. Pure: no I/O.
 */
/** The element and every element inside it, in document order (iterative: no deep recursion). */
function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    out.push(element);
    const elements = element.children.filter(isElement);
    for (let i = elements.length - 1; i >= 0; i--) stack.push(elements[i]!);
  }
  return out;
}

const PATTERNS: Record<MessagePattern, string> = {
  sync: "Synchronous: Spine answers in the same HTTP exchange, inside a SOAP envelope.",
  "async-reliable":
    "Asynchronous and reliable: Spine acknowledges the ebXML message at once and sends the answer later as a message of its own; the sender re-sends until it is acknowledged.",
  "async-express":
    "Asynchronous (express): Spine accepts the ebXML message at once and sends the answer later as a message of its own; it is not re-sent.",
};

const SIGNALS: Record<string, string> = {
  Acknowledgment: "ebXML acknowledgement: the receiver confirms it has the message safely. It says nothing yet about the business answer.",
  MessageError: "ebXML message error: the receiver could not accept the message envelope, so the message was not processed.",
  Fault: "SOAP fault: Spine could not process the message at all (a system or routing failure), before reading its content.",
};

/** An interaction's plain name from the vocabulary ("Create LR"), or the id itself when it is not an LR-domain one. */
export function interactionName(interactionId: string): string {
  return Object.hasOwn(INTERACTIONS, interactionId) ? INTERACTIONS[interactionId as keyof typeof INTERACTIONS].name : interactionId;
}

export type AcknowledgementCode = "AA" | "AE" | "AR";

const ACKNOWLEDGEMENTS: Record<AcknowledgementCode, string> = {
  AA: "Acknowledgement code AA (application accept): Spine accepted the request.",
  AE: "Acknowledgement code AE (application error): Spine refused the request; the reason says why.",
  AR: "Acknowledgement code AR (application reject): Spine rejected the request without processing it.",
};

const ACKNOWLEDGEMENT = /<(?:hl7:)?acknowledgement\b[^>]*\btypeCode="(AA|AE|AR)"/;
/** The HL7 acknowledgement code a reply carries, when it has one (read from its first 64 kB). */
export function acknowledgementOf(body: string): AcknowledgementCode | undefined {
  return ACKNOWLEDGEMENT.exec(body.slice(0, 64 * 1024))?.[1] as AcknowledgementCode | undefined;
}

/** The generic application acknowledgement (named in the vocabulary for its error use) carrying AA: an accept. */
function isGenericAccept(interactionId: string, acknowledgement: AcknowledgementCode | undefined): boolean {
  return interactionId === "MCCI_IN010000UK13" && acknowledgement === "AA";
}

/**
 * Spine's answer named for a list: the reply interaction's name, except that the generic
 * application acknowledgement (MCCI_IN010000UK13, named for its error use) with code AA is an accept
 * (the alerts service answers every accepted alert with it).
 */
export function answerName(interactionId: string, acknowledgement: AcknowledgementCode | undefined): string {
  const name = interactionName(interactionId);
  if (isGenericAccept(interactionId, acknowledgement)) return "Accepted";
  return acknowledgement === "AE" || acknowledgement === "AR" ? `${name} (refused)` : name;
}

export function explainInteraction(
  interactionId: string | undefined,
  acknowledgement?: AcknowledgementCode,
): { title: string; lines: string[] } {
  if (!interactionId) return { title: "Unrecognised message", lines: ["This message carries no interaction the LR service knows."] };
  const signal = SIGNALS[interactionId];
  if (signal) return { title: interactionId, lines: [signal] };
  if (!Object.hasOwn(INTERACTIONS, interactionId)) return { title: interactionId, lines: ["Not an LR-domain interaction."] };
  const info = INTERACTIONS[interactionId as keyof typeof INTERACTIONS];
  const lines = [
    info.direction === "request"
      ? `A request to Spine's ${info.service.replace("urn:nhs:names:services:", "")} service.`
      : `Spine's answer from its ${info.service.replace("urn:nhs:names:services:", "")} service.`,
    PATTERNS[info.pattern],
  ];
  if (info.direction === "request" && info.replies.length > 0) {
    lines.push(`Spine answers it with: ${info.replies.map((reply) => `${INTERACTIONS[reply].name} (${reply})`).join(", ")}.`);
  }
  if (acknowledgement) lines.push(ACKNOWLEDGEMENTS[acknowledgement]);
  if (info.inferred) lines.push("Some of these facts are inferred from the reference and may be corrected.");
  const title = isGenericAccept(interactionId, acknowledgement) ? "Application acknowledgement" : info.name;
  return { title: `${title} (${interactionId})`, lines };
}

const VOCABULARIES: readonly Vocabulary[] = [
  LR_TYPES,
  SC_REASON_CODES,
  ACCESS_REASON_CODES,
  ALERT_CODES,
  LR_STATUS_CODES,
  ALERT_TYPES,
  ALERT_REASONS,
  CONFIRMATION_RESP_TYPES,
  DETAILS_RESP_TYPES,
  DISSENT_OVERRIDES,
  ISSUE_QUALIFIERS,
  WORKGROUP_TYPES,
  WORKGROUP_ATTRIBUTES,
  WORKGROUP_STATUSES,
];

const IDENTIFIERS: Partial<Record<string, string>> = {
  [OIDS.nhsNumber]: "NHS number",
  [OIDS.userId]: "User id (the person's CIS2 / SDS user id)",
  [OIDS.roleProfileId]: "Role profile id (the role they act in)",
  [OIDS.jobRoleCode]: "Job role code",
  [OIDS.asid]: "Accredited system id (ASID): the sending or receiving system",
  [OIDS.odsOrganisation]: "Organisation (ODS code)",
  [OIDS.sdsOrganisation]: "Organisation (SDS)",
  [OIDS.interactionId]: "Interaction id",
  [OIDS.lrId]: "LR id: the relationship's id on Spine",
};

export interface CodeExplanation {
  element: string;
  code: string;
  /** What the code means, from its vocabulary. */
  meaning: string;
  vocabulary: string;
}

/** Every coded value in the message (element with code + codeSystem), explained from its vocabulary. */
export function explainCodes(message: XmlElement): CodeExplanation[] {
  const found = new Map<string, CodeExplanation>();
  for (const element of descendants(message)) {
    const code = attr(element, "code");
    const codeSystem = attr(element, "codeSystem");
    if (!code || !codeSystem) continue;
    const vocabulary = VOCABULARIES.find((entry) => entry.codeSystem === codeSystem);
    const spineError = SPINE_ERRORS.find((entry) => entry.codeSystem === codeSystem && entry.code === code);
    const meaning =
      (vocabulary && displayNameOf(vocabulary, code)) ??
      spineError?.text ??
      attr(element, "displayName") ??
      "Not in the vocabularies LR Manager holds";
    const key = `${element.name} ${codeSystem} ${code}`;
    if (!found.has(key)) found.set(key, { element: element.name, code, meaning, vocabulary: vocabulary?.name ?? codeSystem });
  }
  return [...found.values()];
}

export interface IdentifierExplanation {
  element: string;
  value: string;
  meaning: string;
}

/** Every identifier whose root the LR service knows (NHS numbers shown 3-3-4). */
export function explainIdentifiers(message: XmlElement): IdentifierExplanation[] {
  const found = new Map<string, IdentifierExplanation>();
  for (const element of descendants(message)) {
    const root = attr(element, "root");
    const extension = attr(element, "extension");
    const meaning = root ? IDENTIFIERS[root] : undefined;
    if (!meaning || !extension || root === OIDS.interactionId) continue;
    const value = root === OIDS.nhsNumber ? formatNhsNumber(extension) : extension;
    const key = `${element.name} ${root} ${extension}`;
    if (!found.has(key)) found.set(key, { element: element.name, value, meaning });
  }
  return [...found.values()];
}

export interface RuleResult {
  name: string;
  description: string;
  passed: boolean;
  /** What failed, in Spine's words, when it did not pass. */
  message?: string;
}

/** The Spine validator rules that apply to this request, each with whether the message passed it. */
export function validatorRulesFor(message: XmlElement, envelope?: XmlElement): RuleResult[] {
  const interactionId = message.name;
  if (!isRequestInteraction(interactionId)) return [];
  const violations = validateRequest(envelope ?? message);
  const applicable = VALIDATION_RULES.filter(
    (rule) => (rule.interactions === "all" || rule.interactions.includes(interactionId)) && (!rule.needsEnvelope || envelope !== undefined),
  );
  return applicable.map((rule) => {
    const violation = violations.find((entry) => entry.rule === rule.name);
    return violation
      ? { name: rule.name, description: rule.description, passed: false, message: violation.message }
      : { name: rule.name, description: rule.description, passed: true };
  });
}
