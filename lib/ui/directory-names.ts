/**
 * How a person or workgroup is named on every page: the directory's name, or — when the look-up
 * failed or the directory does not know them — a visible "Name not available" with the id, so a
 * reader can still tell who it is and is never shown a guess.
 */
export const NAME_NOT_AVAILABLE = "Name not available";

export function personLabel(name: string | undefined, userId: string): string {
  return name ?? `${NAME_NOT_AVAILABLE} (user ${userId})`;
}

export function workgroupLabel(name: string | undefined, workgroupId: string): string {
  return name ?? `${NAME_NOT_AVAILABLE} (workgroup ${workgroupId})`;
}

/** Shown above a list when some names could not be looked up (the directory or Spine did not answer). */
export const NAMES_UNAVAILABLE_MESSAGE =
  "Some names could not be looked up in the NHS directory (SDS) just now, so those people or workgroups are shown by their ID. Try again later.";
