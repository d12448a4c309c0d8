import { errorBrand, hasBrand } from "./brand";

/**
 * One error type for everything the BFF refuses or fails at, with a closed list of codes. The route
 * wrapper maps the code to an HTTP status; the UI maps it to plain English. Internals never leak.
 */
export const APP_ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  spine_rejected: 422,
  spine_business_error: 409,
  spine_unavailable: 502,
  spine_timeout: 504,
  upstream_unavailable: 502,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export interface AppErrorBody {
  error: {
    code: AppErrorCode;
    message: string;
    /** Spine message id or request id a user can quote to the service desk. */
    reference?: string;
    /** Field-level problems for invalid_input. */
    fields?: Record<string, string>;
    retryable?: boolean;
  };
}

const APP_ERROR = errorBrand("AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: AppErrorCode;
  readonly reference?: string;
  readonly fields?: Record<string, string>;
  readonly retryable: boolean;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { reference?: string; fields?: Record<string, string>; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.reference = opts.reference;
    this.fields = opts.fields;
    this.retryable = opts.retryable ?? false;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }

  toBody(): AppErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.reference ? { reference: this.reference } : {}),
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.retryable ? { retryable: true } : {}),
      },
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return hasBrand(e, APP_ERROR);
}
