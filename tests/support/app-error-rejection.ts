import { type AppError, isAppError } from "@/lib/errors/app-error";

/** The typed failure a service call ends in; success, or an untyped error, fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a typed failure, got success");
}
