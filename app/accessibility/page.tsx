export const metadata = { title: "Accessibility statement" };

export default function AccessibilityPage() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement for LR Manager</h1>
        <p>
          This service is built with the NHS design system and aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.
          Every page is checked automatically with axe during testing and the main journeys are tested using only a keyboard.
        </p>
        <h2>Reporting problems</h2>
        <p>If you find a problem using this service, contact your local service desk and say which page you were on.</p>
      </div>
    </div>
  );
}
