import { shellCopy } from "@/lib/ui/shell-copy";

/** Un-dismissable banner shown on every page in training mode (synthetic data only). */
export function TrainingBanner() {
  const copy = shellCopy.trainingBanner;
  return (
    <section className="nhsuk-notification-banner" aria-labelledby="training-banner-title" data-testid="training-banner">
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="training-banner-title">
          {copy.title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{copy.heading}</p>
        <p className="nhsuk-body">{copy.body}</p>
      </div>
    </section>
  );
}
