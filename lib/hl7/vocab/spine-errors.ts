import { OIDS } from "@/lib/hl7/vocab/oids";

/**
 * Spine error codes the codec and simulator use (docs/domain.md §7.2). FOUND codes carry their
 * published text; LR-specific conditions have no public codes, so they reuse generic 5000 with a
 * precise text (INFERRED) — swap in real codes here when known.
 */
export type SpineErrorReply = "soap-fault" | "AR" | "AE" | "ebxml-error";

export interface SpineErrorCode {
  key: string;
  /** codeSystem OID, TMS codeContext URN, or ebXML error context. */
  codeSystem: string;
  code: string;
  text: string;
  reply: SpineErrorReply;
  inferred?: boolean;
}

const TMS = "urn:nhs:names:error:tms";
const EBXML = "urn:oasis:names:tc:ebxml-msg:service:errors";

export const SPINE_ERRORS = [
  { key: "tmsSystemFailure", codeSystem: TMS, code: "200", text: "System failure to process message - default", reply: "soap-fault" },
  { key: "tmsRoutingFailure", codeSystem: TMS, code: "206", text: "Routing or delivery failure - retry", reply: "soap-fault" },
  {
    key: "tmsUnsupportedInteraction",
    codeSystem: TMS,
    code: "101",
    text: "Service or interaction not supported for the requested URI",
    reply: "soap-fault",
  },
  { key: "tmsNotWellFormed", codeSystem: TMS, code: "200", text: "The message is not well formed", reply: "soap-fault" },
  { key: "hl7ValidationError", codeSystem: OIDS.tmsTransmissionError, code: "202", text: "HL7 Validation Error", reply: "AR" },
  {
    key: "interactionMismatch",
    codeSystem: OIDS.hl7WrapperError,
    code: "515",
    text: "interactionId missing or does not match the transport action",
    reply: "AR",
    inferred: true,
  },
  { key: "accessControlViolation", codeSystem: OIDS.hl7WrapperError, code: "900", text: "Access Control Violation", reply: "AE" },
  { key: "unknownRoutingFailure", codeSystem: OIDS.hl7WrapperError, code: "1000", text: "Unknown routing failure", reply: "AE" },
  { key: "patientNotFound", codeSystem: OIDS.hl7WrapperError, code: "1", text: "No match to a Service User record", reply: "AE" },
  {
    key: "invalidNhsNumber",
    codeSystem: OIDS.psisError,
    code: "35160",
    text: "[PSIS-35160] - Invalid input message. Mandatory field NHS Number is missing or incorrect",
    reply: "AE",
  },
  { key: "invalidRequest", codeSystem: OIDS.psisError, code: "400", text: "Invalid Request", reply: "AE" },
  {
    key: "unableToProcess",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Information missing or invalid",
    reply: "AE",
  },
  {
    key: "unexpectedException",
    codeSystem: OIDS.genericDomainError,
    code: "9999",
    text: "Unexpected Exception Occurred while processing",
    reply: "AE",
  },
  {
    key: "lrNotFound",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Legitimate relationship not found",
    reply: "AE",
    inferred: true,
  },
  {
    key: "lrPatientMismatch",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Legitimate relationship belongs to another patient",
    reply: "AE",
    inferred: true,
  },
  {
    key: "lrAlreadyClosed",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Legitimate relationship is already closed",
    reply: "AE",
    inferred: true,
  },
  {
    key: "lrTransitionNotAllowed",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Status change not allowed for this legitimate relationship",
    reply: "AE",
    inferred: true,
  },
  {
    key: "lrAlreadyExists",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. An identical active legitimate relationship already exists",
    reply: "AE",
    inferred: true,
  },
  {
    key: "workgroupNotFound",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. Workgroup not found",
    reply: "AE",
    inferred: true,
  },
  {
    key: "userNotFound",
    codeSystem: OIDS.genericDomainError,
    code: "5000",
    text: "Unable to process message. User or role profile not found",
    reply: "AE",
    inferred: true,
  },
  { key: "unknownCpaId", codeSystem: EBXML, code: "ValueNotRecognized", text: "501319:Unknown eb:CPAId", reply: "ebxml-error" },
] as const satisfies readonly SpineErrorCode[];

export type SpineErrorKey = (typeof SPINE_ERRORS)[number]["key"];

export function spineError(key: SpineErrorKey): SpineErrorCode {
  return SPINE_ERRORS.find((e) => e.key === key)!;
}
