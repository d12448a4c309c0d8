/**
 * Code a page loads only when it is needed (a form's checks, a journey's next questions). When the
 * browser cannot fetch it (connection lost, or the app was updated since the page loaded), the
 * step says so in its error summary instead of doing nothing.
 */
export const LOAD_FAILED_FIELD = "loadFailed";
export const LOAD_FAILED_MESSAGE = "LR Manager could not load the next part of this page. Check your connection, then try again.";
/** Where the summary's link for it goes: the page's main content (there is no field to fix). */
export const LOAD_FAILED_ANCHOR = "maincontent";

/** What `load` gives, or undefined once `report` has been told that it could not be loaded. */
export async function loadOnDemand<T>(load: () => Promise<T>, report: (found: Record<string, string>) => unknown): Promise<T | undefined> {
  try {
    return await load();
  } catch {
    report({ [LOAD_FAILED_FIELD]: LOAD_FAILED_MESSAGE });
    return undefined;
  }
}
