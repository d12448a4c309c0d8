/** Words in the idle-timeout warning. Times are spelled out for screen readers ("1 minute 30 seconds"). */
export const idleTimeoutCopy = {
  idleHeading: "You will be signed out soon",
  idleBody: "You have not used LR Manager for a while. To protect patient information you will be signed out in",
  absoluteHeading: "Your session will end soon",
  absoluteBody: "You can stay signed in for up to 12 hours. Your session will end in",
  staySignedIn: "Stay signed in",
  continue: "Continue",
  signOut: "Sign out",
} as const;

export function describeRemaining(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} ${seconds === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

/** The live region speaks only at whole minutes (and at 30 s), not every second. */
export function spokenRemaining(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  if (totalSeconds > 60) return `${Math.ceil(totalSeconds / 60)} minutes`;
  return totalSeconds > 30 ? "1 minute" : "30 seconds";
}
