import { shellCopy } from "@/lib/ui/shell-copy";
import { homeCopy } from "./home-copy";

export const metadata = { title: homeCopy.title };

export default function HomePage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{homeCopy.heading}</h1>
        <p className="nhsuk-lede-text">{homeCopy.lede}</p>
        <p>{homeCopy.body}</p>
        <a className="nhsuk-button" href="/api/auth/login" role="button" draggable="false">
          {shellCopy.account.signIn}
        </a>
      </div>
    </div>
  );
}
