/** Words the app shell shows on every page (header, footer, banners, error pages). */
export const shellCopy = {
  serviceName: "Legitimate Relationships",
  serviceShortName: "LR Manager",
  skipLink: "Skip to main content",
  /** Contains the visible service name (WCAG 2.5.3 label in name: voice users say what they see). */
  homeLabel: "Legitimate Relationships homepage",
  navigationLabel: "Menu",
  /** The header's overflow menu button (nhsuk-frontend folds items that do not fit into it). */
  navigationMore: { hiddenPrefix: "Browse ", label: "More" },
  newAlertsBadge: (count: number) => `${count} new`,
  account: {
    label: "Account",
    signIn: "Sign in",
    myRoleProfiles: "My role profiles",
    changeRole: "Change role",
    logOut: "Log out",
  },
  footer: {
    links: [
      { href: "/accessibility", text: "Accessibility statement" },
      { href: "/privacy", text: "Privacy" },
      { href: "/help", text: "Help using this service" },
    ],
    copyright: "© NHS England",
  },
  trainingBanner: {
    title: "Important",
    heading: "Training environment",
    body: "This is a training environment with synthetic patients. Nothing you do here reaches NHS Spine.",
    exercise: (name: string) => `Exercise: ${name}.`,
  },
  notFound: {
    title: "Page not found",
    body: "If you typed the web address, check it is correct.",
    body2: "If you pasted the web address, check you copied the entire address.",
    back: "Go to the LR Manager homepage",
  },
  error: {
    title: "Sorry, there is a problem with the service",
    body: "Try again later.",
    reference: "Quote this reference if you contact the service desk:",
    retry: "Try again",
  },
} as const;

/** Page title in the NHS pattern: "<page> – LR Manager – NHS". */
export function pageTitle(page: string): string {
  return `${page} – ${shellCopy.serviceShortName} – NHS`;
}
