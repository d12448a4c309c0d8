export const metadata = { title: "Privacy" };

export default function PrivacyPage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Privacy</h1>
        <p>
          LR Manager records who accessed which patient&apos;s relationships, when and why. These audit records are kept for your
          organisation&apos;s privacy officer. Patient data is only shown to users whose role allows it.
        </p>
        <p>In training mode every patient is synthetic and nothing is sent to NHS Spine.</p>
      </div>
    </div>
  );
}
