import "server-only";
/**
 * Why a sign-in ended without a session: the `reason` on /sign-in-error. A closed list, so the
 * page can only ever show our own wording (never text from the query string).
 */
export const SIGN_IN_PROBLEMS = ["expired", "cancelled", "failed", "assurance", "no-role", "role-mismatch", "unavailable"] as const;
export type SignInProblem = (typeof SIGN_IN_PROBLEMS)[number];

export function isSignInProblem(value: unknown): value is SignInProblem {
  return typeof value === "string" && (SIGN_IN_PROBLEMS as readonly string[]).includes(value);
}
