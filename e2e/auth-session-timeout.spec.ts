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
 * Idle timeout and absolute limit with controllable clocks: the server's session clock is moved
 * through the test-only POST /api/auth/test-clock (needs LRM_TEST_CLOCK=1 in the app's env), and
 * the browser's clock with Playwright's page.clock, by the same amounts.
 */

const MINUTE = 60_000;
const origin = { origin: e2eStack.appBaseUrl };

async function setServerClock(page: Page, offsetMs: number): Promise<void> {
  const headers = { ...origin, "x-lrm-test-clock": e2eStack.env.LRM_TEST_CLOCK_TOKEN ?? "" };
  const response = await page.request.post("/api/auth/test-clock", { headers, data: { offsetMs } });
  expect(response.status(), "the app must run with LRM_TEST_CLOCK=1").toBe(200);
}

test.afterEach(async ({ page }) => {
  await setServerClock(page, 0);
});

test("idle warning appears two minutes before, Stay signed in extends, expiry signs out", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, "900000000001");
  const dialog = page.getByRole("dialog", { name: "You will be signed out soon" });
  await expect(dialog).toBeHidden();

  await setServerClock(page, 13.5 * MINUTE);
  await page.clock.fastForward(13.5 * MINUTE);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expect(dialog).toContainText(/signed out in 1 minute 30 seconds|signed out in 1 minute 2\d seconds/);
  await checkA11y(page);

  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  const extended = await sessionStatus(page);
  expect((extended.endsAt ?? 0) - extended.now).toBeGreaterThan(14.9 * MINUTE);

  // Escape is also "Stay signed in".
  await setServerClock(page, (13.5 + 13.5) * MINUTE);
  await page.clock.fastForward(13.5 * MINUTE);
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const escaped = await sessionStatus(page);
  expect((escaped.endsAt ?? 0) - escaped.now).toBeGreaterThan(14.9 * MINUTE);

  // Now nobody answers: the session ends and the page says why.
  await setServerClock(page, (27 + 15.5) * MINUTE);
  await page.clock.fastForward(15.5 * MINUTE);
  await expect(page).toHaveURL(/\/signed-out\?reason=idle$/);
  await expect(page.getByTestId("signed-out-reason")).toContainText("did not use LR Manager for 15 minutes");
  expect((await sessionStatus(page)).signedIn).toBe(false);
  await checkA11y(page);
});

test("the absolute limit ends the session after 12 hours even with constant activity", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, "900000000001");
  const twelveHours = 12 * 60 * MINUTE;
  // Active every 14 minutes (never idle) up to 2 minutes before the hard limit. Bounded loop.
  let offset = 0;
  for (let step = 0; step < 60 && offset + 14 * MINUTE < twelveHours - 2 * MINUTE; step++) {
    offset += 14 * MINUTE;
    await setServerClock(page, offset);
    const touch = await page.request.post("/api/auth/session/extend", { headers: origin });
    expect(touch.status()).toBe(200);
  }
  // 90 s before the limit: reloading the page counts as activity but cannot extend the hard limit.
  await setServerClock(page, twelveHours - 1.5 * MINUTE);
  await page.reload();
  const dialog = page.getByRole("dialog", { name: "Your session will end soon" });
  await page.clock.fastForward(2_000);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);
  await checkA11y(page);

  await setServerClock(page, twelveHours + 1_000);
  await page.clock.fastForward(2 * MINUTE);
  await expect(page).toHaveURL(/\/signed-out\?reason=expired$/);
  await expect(page.getByTestId("signed-out-reason")).toContainText("12 hours");
  const refused = await page.request.post("/api/auth/session/extend", { headers: origin });
  expect(refused.status()).toBe(401);
  await checkA11y(page);
});
