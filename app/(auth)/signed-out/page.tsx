import { authCopy } from "../auth-copy";

export const metadata = { title: "You have been signed out" };

const REASONS = ["logout", "idle", "expired", "ended"] as const;
type Reason = (typeof REASONS)[number];

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const known: Reason = REASONS.find((candidate) => candidate === reason) ?? "logout";
  const copy = authCopy.signedOut[known];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{copy.title}</h1>
        <p data-testid="signed-out-reason">{copy.body}</p>
        <a className="nhsuk-button" href="/api/auth/login">
          {authCopy.signedOut.again}
        </a>
      </div>
    </div>
  );
}
