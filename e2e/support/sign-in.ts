import { expect, type Page } from "@playwright/test";
import { e2eStack } from "./e2e-stack";

/**
 * Sign in through the CIS2 stand-in's own pages, as a user would: BFF login → "Choose a test
 * user" → (role picker when the persona has several roles) → back in LR Manager.
 * `checkPage` runs on each stand-in page (e.g. axe) before it is left.
 */
export interface SignInOptions {
  /** Same-site path to land on after sign-in (default "/"). */
  returnTo?: string;
  /** "change-role" re-authenticates with changedrole (the header's Change role). */
  start?: "login" | "change-role";
  checkPage?: (page: Page) => Promise<void>;
}

export async function signInAs(page: Page, personaUid: string, roleId?: string, options: SignInOptions = {}): Promise<void> {
  const start = options.start ?? "login";
  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : "";
  await page.goto(`/api/auth/${start}${query}`);
  await chooseUserAndRole(page, personaUid, roleId, options);
}

/** From the stand-in's "Choose a test user" page onwards (e.g. after clicking Change role). */
export async function chooseUserAndRole(page: Page, personaUid: string, roleId?: string, options: SignInOptions = {}): Promise<void> {
  await expect(page.getByRole("heading", { name: "Choose a test user" })).toBeVisible();
  await options.checkPage?.(page);
  await page.locator(`button[name="accountId"][value="${personaUid}"]`).click();
  if (roleId) {
    await expect(page.getByRole("heading", { name: "Select your role" })).toBeVisible();
    await options.checkPage?.(page);
    await page.locator(`button[name="person_roleid"][value="${roleId}"]`).click();
  }
  const app = new URL(e2eStack.appBaseUrl).origin;
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith("/api/"));
}

/** The signed-in user's own session status (role and permissions) as the BFF sees it. */
export async function sessionStatus(
  page: Page,
): Promise<{ signedIn: boolean; roleProfileId?: string; permissions?: string[]; endsAt?: number; now: number }> {
  const response = await page.request.get("/api/auth/session");
  return response.json();
}
