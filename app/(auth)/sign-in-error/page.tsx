import { isSignInProblem } from "@/server/auth/sign-in-problems";
import { authCopy } from "../auth-copy";

export const metadata = { title: "Sign-in problem" };

/** Why sign-in ended without a session. Only our own wording is shown, chosen by a closed reason list. */
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const copy = authCopy.signInError[isSignInProblem(reason) ? reason : "failed"];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-error-summary" aria-labelledby="sign-in-problem-title" role="alert" tabIndex={-1}>
          <h1 className="nhsuk-error-summary__title" id="sign-in-problem-title">
            {copy.title}
          </h1>
          <div className="nhsuk-error-summary__body">
            <p>{copy.body}</p>
          </div>
        </div>
        <a className="nhsuk-button" href="/api/auth/login">
          {authCopy.signInError.tryAgain}
        </a>
      </div>
    </div>
  );
}
