export const metadata = { title: "Help using this service" };

export default function HelpPage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Help using LR Manager</h1>
        <p>
          A Legitimate Relationship (LR) records that you, or a team you belong to, are caring for a patient. It is what lets you view the
          patient&apos;s records on national systems.
        </p>
        <p>
          If you claim a relationship yourself (a self-claim) or use emergency access, your organisation&apos;s privacy officer is alerted
          and will review it.
        </p>
        <p>For problems signing in or with your role, contact your Registration Authority.</p>
      </div>
    </div>
  );
}
