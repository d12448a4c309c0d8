import "server-only";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import type { Hl7Reply } from "@/lib/hl7/types";
import { INTERACTIONS, isRequestInteraction } from "@/lib/hl7/vocab/interactions";
import type { OutboxError } from "@/server/db/schema";
import { RETRIABLE_TMS_CODES, type SpineCallError } from "./spine-call-error";

/**
 * Turning every kind of Spine failure into one typed, plain-English error. The stored form
 * (OutboxError, in the outbox row) and the thrown form (AppError) carry the same code, so a
 * pending operation that later fails reads exactly like one that failed while the user waited.
 */

/** Plain-English text for Spine issue codes we know (docs/domain.md §7.2); others use Spine's own text. */
const ISSUE_MESSAGES: Record<string, string> = {
  "1": "Spine has no record of this NHS number.",
  "35160": "Spine says the NHS number is missing or not valid.",
  "900": "Spine refused the request: this system or role is not allowed to do this.",
  "1000": "Spine could not route the request. Try again later.",
  "9999": "Spine had an unexpected problem processing the request. Try again later.",
};

/** Plain-English text per transport failure. */
const CALL_FAILURE_TEXT: Record<SpineCallError["failure"], { code: AppErrorCode; message: string }> = {
  connection: { code: "spine_unavailable", message: "Spine could not be reached. Try again in a few minutes." },
  timeout: { code: "spine_timeout", message: "Spine did not answer in time. Try again in a few minutes." },
  "soap-fault": { code: "spine_unavailable", message: "Spine could not process the message. Try again later." },
  "ebxml-error": { code: "spine_rejected", message: "Spine refused the message envelope." },
  "mhs-error": { code: "spine_unavailable", message: "The Spine messaging adaptor reported an error." },
  "http-status": { code: "spine_unavailable", message: "Spine gave an unexpected answer. Try again later." },
  "bad-reply": { code: "spine_unavailable", message: "Spine's answer could not be read, so the outcome is unknown." },
};

/** HL7 queryResponseCode values that mean the query failed (OK and NF "no data found" are answers). */
const FAILED_QUERY_CODES = ["AE", "QE", "ID"];

/** TMS fault codes that mean "our message was wrong" rather than "Spine is unwell". */
const REJECTING_TMS_CODES = ["101"];

export interface ReplyVerdict {
  ok: boolean;
  error?: OutboxError;
}

/**
 * AA on a success interaction = confirmed; AE = business error; AR = rejected. Never guess success.
 * MCCI_IN010000UK13 is an error message, except for a request whose catalogued success reply it is
 * (the alerts interaction COMT_IN000001UK01, answered by an MCCI AA): pass the request's interaction
 * id so that its AA counts.
 */
export function judgeReply(reply: Hl7Reply, requestInteractionId?: string): ReplyVerdict {
  const ack = reply.header.acknowledgement.typeCode;
  const successReply =
    requestInteractionId && isRequestInteraction(requestInteractionId) ? INTERACTIONS[requestInteractionId].replies[0] : undefined;
  const isErrorMessage =
    (reply.interactionId === "MCCI_IN010000UK13" || reply.interactionId === "QUQI_IN010000UK14") && reply.interactionId !== successReply;
  const queryFailed = reply.header.queryResponseCode !== undefined && FAILED_QUERY_CODES.includes(reply.header.queryResponseCode);
  if (ack === "AA" && !isErrorMessage && !queryFailed) return { ok: true };
  const issues = reply.header.issues.map((i) => ({ code: i.code, codeSystem: i.codeSystem, displayName: i.displayName }));
  const details = reply.header.acknowledgement.details.map((d) => ({ code: d.code, codeSystem: d.codeSystem, displayName: d.displayName }));
  if (ack === "AR") {
    const names = details.map((d) => d.displayName ?? d.code);
    return {
      ok: false,
      error: {
        code: "spine_rejected",
        message: `Spine rejected the message as not valid${names.length ? `: ${names.join("; ")}` : "."}`,
        spineCodes: details,
        replyInteractionId: reply.interactionId,
      },
    };
  }
  const first = issues[0];
  const known = first ? ISSUE_MESSAGES[first.code] : undefined;
  const message = known ?? (first?.displayName ? `Spine could not do this: ${first.displayName}` : "Spine could not do this.");
  return {
    ok: false,
    error: { code: "spine_business_error", message, spineCodes: issues, replyInteractionId: reply.interactionId },
  };
}

export function callFailureToOutboxError(error: SpineCallError, attempts?: number): OutboxError {
  let { code, message } = CALL_FAILURE_TEXT[error.failure];
  const codes = error.errors.map((e) => e.errorCode.trim());
  if (error.failure === "soap-fault" && codes.some((c) => REJECTING_TMS_CODES.includes(c))) {
    code = "spine_rejected";
    message = "Spine does not accept this kind of message from this system.";
  }
  const retryable = code === "spine_unavailable" || code === "spine_timeout" || codes.some((c) => RETRIABLE_TMS_CODES.includes(c));
  return {
    code,
    message: attempts && attempts > 1 ? `${message} (${attempts} attempts)` : message,
    failure: error.failure,
    retryable,
    ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
    spineErrors: error.errors.map((e) => ({ code: e.errorCode, codeContext: e.codeContext, description: e.description })),
  };
}

const KNOWN_CODES = new Set<AppErrorCode>(["spine_rejected", "spine_business_error", "spine_unavailable", "spine_timeout"]);

/** The stored error as the AppError a route returns; the message id is the reference to quote. */
export function outboxErrorToAppError(error: OutboxError, messageId: string): AppError {
  const code = KNOWN_CODES.has(error.code as AppErrorCode) ? (error.code as AppErrorCode) : "spine_unavailable";
  return new AppError(code, error.message, { reference: messageId, retryable: error.retryable === true });
}
