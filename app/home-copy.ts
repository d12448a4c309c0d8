export const homeCopy = {
  title: "Home",
  heading: "Legitimate Relationships",
  lede: "Declare, review and end the Legitimate Relationships that let you and your team see a patient's records.",
  signedOutBody: "Sign in with your NHS Care Identity (smartcard or authenticator) and choose the role you are working in.",
  signedInBody: "Find a patient by their NHS number to see your relationship with them and their Legitimate Relationships.",
  noLrRoleBody: "The role you are working in cannot view Legitimate Relationships. If you have another role, change to it.",
  changeRole: "Change role",
} as const;
