import { safeReturnTo } from "@/server/auth/auth-transaction";
import { authCopy } from "../auth-copy";

export const metadata = { title: authCopy.signIn.title };

/** Where pages send people who are not signed in; the button starts CIS2 sign-in and comes back. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { returnTo } = await searchParams;
  const target = safeReturnTo(typeof returnTo === "string" ? returnTo : undefined);
  const href = target === "/" ? "/api/auth/login" : `/api/auth/login?returnTo=${encodeURIComponent(target)}`;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{authCopy.signIn.heading}</h1>
        <p>{authCopy.signIn.body}</p>
        <a className="nhsuk-button" href={href}>
          {authCopy.signIn.button}
        </a>
      </div>
    </div>
  );
}
