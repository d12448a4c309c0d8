export const homeCopy = {
  title: "Home",
  heading: "Legitimate Relationships",
  lede: "Declare, review and end the Legitimate Relationships that let you and your team see a patient's records.",
  body: "Sign in with your NHS Care Identity (smartcard or authenticator) and choose the role you are working in.",
} as const;
