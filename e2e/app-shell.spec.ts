import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

const widths = [
  { name: "mobile", width: 320, height: 800 },
  { name: "desktop", width: 1280, height: 900 },
];

for (const viewport of widths) {
  test(`app shell at ${viewport.width}px: header, skip link, footer, training banner, no axe violations`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const externalRequests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(testInfo.project.use.baseURL ?? "")) externalRequests.push(r.url());
    });
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Home – LR Manager – NHS");

    const header = page.locator("header.nhsuk-header");
    await expect(header).toBeVisible();
    await expect(header.getByRole("link", { name: "Legitimate Relationships homepage" })).toBeVisible();
    await expect(header).toContainText("Legitimate Relationships");
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();

    // Skip link: first tab stop, moves focus to main content.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#maincontent")).toBeFocused();

    await expect(page.getByTestId("training-banner")).toContainText("Training environment");
    const footer = page.locator("footer");
    await expect(footer.getByRole("link", { name: "Accessibility statement" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legitimate Relationships");

    // No horizontal scrolling at 320px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath(`shell-${viewport.width}.png`), fullPage: true });
    expect(externalRequests, "no external font or asset requests").toEqual([]);
  });
}

test("404 page uses NHS wording and passes axe", async ({ page }, testInfo) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle(/Page not found – LR Manager – NHS/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("not-found.png"), fullPage: true });
});

for (const path of ["/accessibility", "/help", "/privacy"]) {
  test(`footer page ${path} renders and passes axe`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
