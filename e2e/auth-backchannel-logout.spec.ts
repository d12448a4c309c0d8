import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations as axeCheck } from "./support/axe";
import { e2eStack } from "./support/e2e-stack";
import { sessionStatus, signInAs } from "./support/sign-in";

/** axe once the page has fully loaded (styles applied), so layout rules such as target-size see the real page. */
async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await axeCheck(page);
}

/**
 * Back-channel logout across the three real processes: the CIS2 stand-in's admin route ends the
 * user's CIS2 session and POSTs a logout token to the app; the very next app request is refused.
 */
test("ending the CIS2 session signs the user out of LR Manager on the next request", async ({ page, request }) => {
  await signInAs(page, "900000000003");
  expect((await sessionStatus(page)).signedIn).toBe(true);

  const ended = await request.post(`${e2eStack.cis2Url}/_admin/end-session`, { data: { sub: "900000000003" } });
  expect(ended.status()).toBe(200);
  expect((await ended.json()).backchannel).toEqual([expect.objectContaining({ delivered: true })]);

  const next = await page.request.post("/api/auth/session/extend", { headers: { origin: e2eStack.appBaseUrl } });
  expect(next.status()).toBe(401);

  await page.goto("/role-not-permitted");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await checkA11y(page);
});
