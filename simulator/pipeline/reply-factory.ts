import {
  type AcknowledgementDetail,
  type DetectedIssue,
  formatHl7Timestamp,
  type Hl7Reply,
  INTERACTIONS,
  type MessageHeader,
  makeReplyHeader,
  newMessageId,
  type ReplyHeader,
  type RequestInteractionId,
  type RuleViolation,
  type SpineErrorKey,
  spineError,
} from "@/lib/hl7";
import type { BusinessReply } from "@/simulator/business/business-context";

/** Builds Spine's reply models (success, AE, AR) for a request; XML is written later by the codec. */
export interface ReplyFactory {
  success(request: RequestRef, reply: BusinessReply): Hl7Reply;
  businessError(request: RequestRef, error: SpineErrorKey): Hl7Reply;
  /** AE carrying these issues (MCCI for updates, QUQI for queries). */
  businessIssues(request: RequestRef, issues: DetectedIssue[]): Hl7Reply;
  rejection(request: RequestRef, details: AcknowledgementDetail[]): Hl7Reply;
}

/** What a reply needs to know about its request (a parsed request, or a fallback when parsing failed). */
export interface RequestRef {
  interactionId: RequestInteractionId;
  header: MessageHeader;
}

const isQuery = (request: RequestRef) => INTERACTIONS[request.interactionId].payloadSlot === "query";

/** `spineAsid`: the simulator's own configured ASID, the sender of every reply (docs/domain.md §5.3). */
export function replyFactory(now: () => Date, spineAsid: string): ReplyFactory {
  const fresh = () => ({ messageId: newMessageId(), spineAsid, creationTime: formatHl7Timestamp(now()) });
  return {
    success(request, businessReply) {
      const header: ReplyHeader = makeReplyHeader(request.header, {
        ...fresh(),
        ...(isQuery(request) ? { queryResponseCode: "OK" } : {}),
      });
      return { ...businessReply, header } as Hl7Reply;
    },
    businessError(request, errorKey) {
      const error = spineError(errorKey);
      return this.businessIssues(request, [{ code: error.code, codeSystem: error.codeSystem, displayName: error.text, qualifier: "ER" }]);
    },
    businessIssues(request, issues) {
      if (isQuery(request)) {
        return {
          interactionId: "QUQI_IN010000UK14",
          header: makeReplyHeader(request.header, { ...fresh(), acknowledgement: "AE", issues, queryResponseCode: "ID" }),
          payload: {},
        };
      }
      return {
        interactionId: "MCCI_IN010000UK13",
        header: makeReplyHeader(request.header, { ...fresh(), acknowledgement: "AE", issues }),
        payload: {},
      };
    },
    rejection(request, details) {
      return {
        interactionId: "MCCI_IN010000UK13",
        header: makeReplyHeader(request.header, { ...fresh(), acknowledgement: "AR", details }),
        payload: {},
      };
    },
  };
}

/** One acknowledgementDetail per broken rule: 202 HL7 Validation Error, the symbolic rule name as displayName. */
export function validationDetails(violations: readonly RuleViolation[]): AcknowledgementDetail[] {
  const error = spineError("hl7ValidationError");
  return violations.map((violation) => ({ typeCode: "ER", code: error.code, codeSystem: error.codeSystem, displayName: violation.rule }));
}

/**
 * One AE issue per distinct broken rule: 5000 "Unable to process message" with the fault string as
 * displayName. Spine's alert stylesheet repeats its checkRoot faults once per element of the
 * message; the simulator names each fault once. Which numeric code Spine sends for
 * ErrorBaseTms.ALERT_INVALID_INPUT was NOT FOUND (INFERRED: 5000).
 */
export function validationIssues(violations: readonly RuleViolation[]): DetectedIssue[] {
  const error = spineError("unableToProcess");
  const rules = [...new Set(violations.map((violation) => violation.rule))];
  return rules.map((rule) => ({ code: error.code, codeSystem: error.codeSystem, displayName: rule, qualifier: "ER" }));
}

export function errorDetail(errorKey: SpineErrorKey): AcknowledgementDetail {
  const error = spineError(errorKey);
  return { typeCode: "ER", code: error.code, codeSystem: error.codeSystem, displayName: error.text };
}
