import type { AppErrorCode } from "@/lib/errors/app-error";

/**
 * What the browser knows about a refused or failed request: the route wrapper's error body as a
 * plain object (not an Error instance) so it survives server → client hydration unchanged.
 */
export interface UiError {
  code: AppErrorCode | "network";
  message: string;
  /** Spine message id or request id a person can quote to the service desk. */
  reference?: string;
  retryable?: boolean;
  fields?: Record<string, string>;
}

export function isUiError(value: unknown): value is UiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as UiError).code === "string" &&
    typeof (value as UiError).message === "string"
  );
}

/** Anything a request threw, as a UiError (apiFetch only throws UiErrors; anything else is a bug). */
export function toUiError(error: unknown): UiError {
  return isUiError(error) ? error : { code: "internal", message: "Something went wrong." };
}

/** The wrapper's `{ error: {...} }` body, or a generic error when the body is not ours. */
export function uiErrorFromBody(body: unknown, status: number): UiError {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (isUiError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.reference ? { reference: error.reference } : {}),
      ...(error.retryable ? { retryable: true } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
    };
  }
  return { code: status >= 500 ? "internal" : "invalid_input", message: `The service answered with status ${status}.` };
}
