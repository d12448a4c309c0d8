import { ALERT_RULES, type Hl7Reply, type Hl7Request, INTERACTIONS, type SoapFault, spineError, validateRequest } from "@/lib/hl7";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { nhsNumbersOf, runBusinessOperation } from "@/simulator/business/business-operations";
import type { ChosenFault } from "@/simulator/faults/fault-injector";
import type { FaultSpec } from "@/simulator/faults/fault-spec";
import { errorDetail, type RequestRef, validationDetails, validationIssues } from "@/simulator/pipeline/reply-factory";
import type { AccreditedSender } from "@/simulator/sds/sds-registry";
import type { SimulatorContext } from "@/simulator/simulator-context";

export interface ProcessInput {
  /** The typed request, when the codec could read it. */
  request?: Hl7Request;
  /** Who to answer when it could not: built from the envelope (message id, sender ASID). */
  fallback: RequestRef;
  /** False when the transport's own headers disagree (SOAPAction vs wsa:Action / eb:Action). */
  transportAgrees: boolean;
  /** Why the codec could not read it. */
  parseProblem?: string;
  /**
   * What the Spine 2 rules run on: the whole SOAP envelope (sync) or the bare HL7 document (ebXML,
   * MHS) — as text, or as the document `readRequest` already parsed (the same tree, not parsed twice).
   */
  validationInput: string | XmlElement;
  /**
   * The injected fault when the front already chose it (the ebXML front decides before its 202:
   * null = none); otherwise it is chosen here, after Spine's rules and access control.
   */
  chosenFault?: ChosenFault | null;
  /**
   * The sync path: the SOAP envelope is required and checked, and transport-level rules
   * (ErrorBaseTms.*) answer with a SOAP fault rather than an HL7 rejection.
   */
  syncTransport: boolean;
  sender: AccreditedSender | undefined;
}

/** Misbehaviour that changes how (or whether) a reply travels, not what it says. */
export type DeliveryFault = Extract<
  FaultSpec,
  { kind: "delay" | "noReply" | "duplicateReply" | "lateReply" | "malformedReply" | "wrongRefToMessageId" }
>;

export type ProcessResult =
  | { kind: "soap-fault"; fault: SoapFault; outcome: string }
  | { kind: "reply"; reply: Hl7Reply; outcome: string; deliveryFault?: DeliveryFault };

/** The alert interaction's own rules: Spine's alert stylesheet, whose faults come back as an AE. */
const ALERT_RULE_NAMES: ReadonlySet<string> = new Set(ALERT_RULES.map((rule) => rule.name));

const TMS_ERROR_KEYS = ["tmsSystemFailure", "tmsRoutingFailure", "tmsUnsupportedInteraction"] as const;

export function soapFaultFor(errorCode: string, description?: string): SoapFault {
  const catalogued = TMS_ERROR_KEYS.map((key) => spineError(key)).find((error) => error.code === errorCode);
  return {
    faultCode: "SOAP:Server",
    faultString: "Application Exception",
    errors: [
      {
        codeContext: "urn:nhs:names:error:tms",
        errorCode,
        severity: "Error",
        location: "Not Supported",
        description: description ?? catalogued?.text ?? "System failure to process message - default",
      },
    ],
  };
}

/**
 * The part of Spine's pipeline every transport shares, after the envelope is read:
 * interaction cross-check → Spine 2 rules → SDS access control → injected faults →
 * business logic → reply model. Nothing here writes to the network.
 */
export async function processRequest(context: SimulatorContext, input: ProcessInput): Promise<ProcessResult> {
  const { request, sender } = input;
  const replies = context.replies;
  const target: RequestRef = request ?? input.fallback;

  if (!input.transportAgrees || (request && request.interactionId !== input.fallback.interactionId)) {
    return { kind: "reply", reply: replies.rejection(target, [errorDetail("interactionMismatch")]), outcome: "AR:interactionMismatch" };
  }

  const violations = validateRequest(input.validationInput, {
    envelope: input.syncTransport ? "require" : "if-present",
    limits: { maxBytes: context.config.bodyLimitBytes },
  });
  const tmsViolations = violations.filter((violation) => violation.rule.startsWith("ErrorBaseTms."));
  if (input.syncTransport && tmsViolations.length > 0) {
    const description = tmsViolations.map((violation) => violation.rule).join(" ");
    return { kind: "soap-fault", fault: soapFaultFor("200", description), outcome: `soap-fault:${description}` };
  }
  if (violations.length > 0 && violations.every((violation) => ALERT_RULE_NAMES.has(violation.rule))) {
    // The alert validator's faults (docs/domain.md §10): AE with each fault named once.
    return {
      kind: "reply",
      reply: replies.businessIssues(target, validationIssues(violations)),
      outcome: `AE:${[...new Set(violations.map((violation) => violation.rule))].join(",")}`,
    };
  }
  if (violations.length > 0) {
    return {
      kind: "reply",
      reply: replies.rejection(target, validationDetails(violations)),
      outcome: `AR:${violations.map((violation) => violation.rule).join(",")}`,
    };
  }
  if (!request) {
    const detail = { ...errorDetail("hl7ValidationError"), displayName: `HL7 Validation Error: ${input.parseProblem ?? "unreadable"}` };
    return { kind: "reply", reply: replies.rejection(target, [detail]), outcome: "AR:unreadable" };
  }

  // Addressed to another system (communicationFunctionRcv is not Spine's ASID): Spine does not route it (docs/domain.md §5.1, §5.3).
  if (request.header.receiverAsid !== context.config.spine.asid) {
    return {
      kind: "reply",
      reply: replies.businessError(request, "unknownRoutingFailure"),
      outcome: "AE:unknownRoutingFailure:receiverAsid",
    };
  }

  const service = INTERACTIONS[request.interactionId].service;
  if (!sender || !context.sds.allows(sender, service, request.interactionId)) {
    return { kind: "reply", reply: replies.businessError(request, "accessControlViolation"), outcome: "AE:accessControlViolation" };
  }

  const chosen =
    input.chosenFault !== undefined
      ? input.chosenFault
      : context.faults.choose({ interactionId: request.interactionId, nhsNumbers: nhsNumbersOf(request), senderAsid: sender.asid });
  const fault = chosen?.fault;
  if (fault?.kind === "soapFault") {
    return { kind: "soap-fault", fault: soapFaultFor(fault.errorCode, fault.description), outcome: `soap-fault:${fault.errorCode}` };
  }
  if (fault?.kind === "businessError") {
    return { kind: "reply", reply: replies.businessError(request, fault.error), outcome: `AE:${fault.error}:injected` };
  }
  if (fault?.kind === "reject") {
    return { kind: "reply", reply: replies.rejection(request, [errorDetail(fault.error)]), outcome: `AR:${fault.error}:injected` };
  }

  const outcome = await runBusinessOperation({ db: context.db, config: context.config }, request);
  const reply = outcome.ok ? replies.success(request, outcome.reply) : replies.businessError(request, outcome.error);
  const label = outcome.ok ? `AA:${reply.interactionId}` : `AE:${outcome.error}`;
  if (!fault) return { kind: "reply", reply, outcome: label };
  return { kind: "reply", reply, outcome: `${label}:${fault.kind}`, deliveryFault: fault };
}
