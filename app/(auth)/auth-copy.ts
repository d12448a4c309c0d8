/** Words on the sign-in, signed-out and refusal pages. Keyed by closed reason lists, never by query text. */
export const authCopy = {
  signIn: {
    title: "Sign in",
    heading: "Sign in to LR Manager",
    body: "Use your NHS Care Identity (smartcard or authenticator). You will then choose the role you are working in.",
    button: "Sign in with NHS Care Identity",
  },
  signedOut: {
    logout: { title: "You have been signed out", body: "You have signed out of LR Manager." },
    idle: {
      title: "You have been signed out",
      body: "You were signed out because you did not use LR Manager for 15 minutes. This protects patient information.",
    },
    expired: {
      title: "You have been signed out",
      body: "You were signed out because you have been signed in for 12 hours. Sign in again to carry on.",
    },
    ended: {
      title: "You have been signed out",
      body: "Your session has ended, for example because you signed out of NHS Care Identity elsewhere.",
    },
    again: "Sign in again",
  },
  signInError: {
    expired: { title: "Your sign-in timed out", body: "Signing in took too long or was started in another tab. Try again." },
    cancelled: {
      title: "You did not finish signing in",
      body: "Signing in was cancelled. If NHS Care Identity said your sign-in method is not strong enough, or that you have no role, contact your Registration Authority.",
    },
    failed: { title: "Sorry, we could not sign you in", body: "Something went wrong while checking your sign-in. Try again." },
    assurance: {
      title: "Your sign-in method is not strong enough",
      body: "LR Manager needs a smartcard or another strong authenticator (assurance level 2 or higher). A username and password alone cannot be used. Contact your Registration Authority to get a suitable authenticator.",
    },
    "no-role": {
      title: "You do not have a role",
      body: "Your NHS Care Identity has no role profile, so you cannot use LR Manager. Contact your Registration Authority to be given a role.",
    },
    "role-mismatch": {
      title: "Sorry, we could not confirm your role",
      body: "The role you chose was not found in your NHS Care Identity. Try signing in again and choose your role.",
    },
    unavailable: {
      title: "Sign-in is not available at the moment",
      body: "NHS Care Identity could not be reached. Try again in a few minutes.",
    },
    tryAgain: "Try signing in again",
  },
  roleNotPermitted: {
    title: "Your role cannot use this service",
    body: "The role you signed in with does not allow you to view or manage Legitimate Relationships.",
    neededTitle: "Your role cannot do this",
    neededBody: "The role you signed in with does not allow this part of LR Manager.",
    current: "You are signed in as",
    advice: "If you have another role that can, change role. Otherwise contact your Registration Authority.",
    changeRole: "Change role",
    logOut: "Log out",
  },
} as const;
