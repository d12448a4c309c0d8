import { shellCopy } from "@/lib/ui/shell-copy";

export const metadata = { title: shellCopy.notFound.title };

export default function NotFound() {
  const copy = shellCopy.notFound;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{copy.title}</h1>
        <p>{copy.body}</p>
        <p>{copy.body2}</p>
        <p>
          <a href="/">{copy.back}</a>
        </p>
      </div>
    </div>
  );
}
