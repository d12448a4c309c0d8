import { shellCopy } from "@/lib/ui/shell-copy";

/**
 * Un-dismissable banner shown on every page in training mode (synthetic data only), with the
 * exercise the trainer has running and a sentence for each fault they switched on
 * (server/training/training-notices.ts).
 */
export function TrainingBanner({ exercise, notices = [] }: { exercise?: string | null; notices?: readonly string[] }) {
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
        {exercise ? (
          <p className="nhsuk-body nhsuk-u-margin-bottom-2" data-testid="training-exercise">
            {copy.exercise(exercise)}
          </p>
        ) : null}
        {notices.length > 0 ? (
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0" data-testid="training-notices">
            {notices.map((notice) => (
              <li key={notice}>
                <strong>{notice}</strong>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
