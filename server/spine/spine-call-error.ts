import "server-only";
import { errorBrand, hasBrand } from "@/lib/errors/brand";
import type { EbxmlError, SoapFaultError } from "@/lib/hl7/types";

const SPINE_CALL_ERROR = errorBrand("SpineCallError");

/**
 * Why one Spine exchange failed, before it becomes a user-facing AppError. `retriable` says it is
 * safe to send the SAME message again now (connection refused/reset, TMS fault 206); everything
 * else is final for this attempt.
 */
export type SpineCallFailure =
  | "connection" // nothing usable came back (refused, reset, TLS failure)
  | "timeout" // no full response before the interaction's deadline
  | "soap-fault" // TMS-level SOAP fault (HTTP 500)
  | "ebxml-error" // ebXML MessageError
  | "mhs-error" // MHS adaptor 500 with its JSON error list
  | "http-status" // an HTTP status the protocol does not define
  | "bad-reply"; // unreadable reply, or RelatesTo / RefToMessageId not ours

export class SpineCallError extends Error {
  readonly [SPINE_CALL_ERROR] = true;
  readonly failure: SpineCallFailure;
  readonly retriable: boolean;
  readonly httpStatus?: number;
  readonly errors: readonly (SoapFaultError | EbxmlError)[];

  constructor(
    failure: SpineCallFailure,
    message: string,
    opts: { retriable?: boolean; httpStatus?: number; errors?: readonly (SoapFaultError | EbxmlError)[]; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "SpineCallError";
    this.failure = failure;
    this.retriable = opts.retriable ?? false;
    this.httpStatus = opts.httpStatus;
    this.errors = opts.errors ?? [];
  }
}

/** TMS fault codes Spine documents as "try again" (docs/domain.md §7.3: 206 routing/delivery failure). */
export const RETRIABLE_TMS_CODES: readonly string[] = ["206"];

/** Both namespace spellings occur in Spine-era tooling (docs/domain.md §7.1). */
const TMS_CONTEXTS = ["urn:nhs:names:error:tms", "urn:nhs:names:errors:tms"];

export function isRetriableFault(errors: readonly SoapFaultError[]): boolean {
  return (
    errors.length > 0 &&
    errors.every(
      (e) => RETRIABLE_TMS_CODES.includes(e.errorCode.trim()) && (e.codeContext === "" || TMS_CONTEXTS.includes(e.codeContext.trim())),
    )
  );
}

export function isSpineCallError(value: unknown): value is SpineCallError {
  return hasBrand(value, SPINE_CALL_ERROR);
}
