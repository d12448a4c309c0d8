import type { ReactNode } from "react";

/**
 * NHS notification banner (nhsuk-frontend v10 markup): "success" after a change was made (role
 * alert, so it is announced), "information" for an answer that changed nothing (a region).
 */
export function NotificationBanner({
  variant,
  title,
  heading,
  children,
  testId,
}: {
  variant: "success" | "information";
  title: string;
  heading: string;
  children?: ReactNode;
  testId?: string;
}) {
  const success = variant === "success";
  const inner = (
    <>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="nhsuk-notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </>
  );
  return success ? (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby="nhsuk-notification-banner-title"
      data-module="nhsuk-notification-banner"
      data-testid={testId}
      data-variant={variant}
    >
      {inner}
    </div>
  ) : (
    <section
      className="nhsuk-notification-banner"
      aria-labelledby="nhsuk-notification-banner-title"
      data-module="nhsuk-notification-banner"
      data-testid={testId}
      data-variant={variant}
    >
      {inner}
    </section>
  );
}
