import { shellCopy } from "@/lib/ui/shell-copy";

/** What both error pages say: the heading, what happened and, when Next gave one, the reference to quote. */
export function ErrorBody({ digest }: { digest?: string }) {
  const copy = shellCopy.error;
  return (
    <>
      <h1>{copy.title}</h1>
      <p>{copy.body}</p>
      {digest ? (
        <p>
          {copy.reference} <strong>{digest}</strong>
        </p>
      ) : null}
    </>
  );
}
