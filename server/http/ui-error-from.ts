import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import { type UiError, uiErrorFromBody } from "@/lib/schemas/api-error";
import { logger } from "@/server/log/logger";

/** A thrown error as the plain UiError a page can hydrate; unknown errors leak nothing. */
export function uiErrorFrom(error: unknown): UiError {
  // The same body the route wrapper sends, read the same way the browser reads it.
  if (isAppError(error)) return uiErrorFromBody(error.toBody(), error.status);
  const reference = crypto.randomUUID();
  logger.error({ err: error, reference }, "unhandled error while rendering a patient page");
  return { code: "internal", message: "Sorry, there is a problem with the service. Try again later.", reference };
}

/** For TanStack prefetches on the server: reject with a UiError, never an Error instance. */
export async function asUiResult<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw uiErrorFrom(error);
  }
}
