import { expect, test } from "@playwright/test";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona } from "./support/journeys";

test("GP with emergency access: interruption panel, required reason, then the list", async ({ page }, testInfo) => {
  const nhsNumber = PATIENTS.manyLrs;
  await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
  await page.getByTestId("emergency-link").click();
  await expect(page).toHaveTitle("Emergency access – LR Manager – NHS");
  await expect(page.getByTestId("interruption-panel")).toContainText("audit trail");
  await expectNhsNumbersFormatted(page, nhsNumber);
  await checkAndCapture(page, testInfo, "emergency-interruption");
  await page.getByTestId("submit-emergency").click();
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Select the reason for emergency access");
  await expect(summary).toContainText("Enter details of why you need emergency access");
  await page.getByLabel("Best interest of patient", { exact: true }).check();
  await page.getByLabel("Give details").fill("Unconscious patient in resus, no next of kin available");
  await page.getByTestId("submit-emergency").click();
  await expect(page.getByTestId("emergency-result")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("lr-row")).toHaveCount(13);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expectNhsNumbersFormatted(page, nhsNumber);
  await checkAndCapture(page, testInfo, "emergency-result");
});

test("nurse without emergency access is refused by the page and by the API", async ({ page }) => {
  const nhsNumber = PATIENTS.manyLrs;
  await signInAsPersona(page, "nurse", `/patients/${nhsNumber}`);
  await expect(page.getByTestId("emergency-link")).toHaveCount(0);
  await page.goto(`/patients/${nhsNumber}/emergency-access`);
  await expect(page).toHaveURL(/\/role-not-permitted/);
  const response = await page.request.post(`/api/patients/${nhsNumber}/emergency-access`, {
    data: { dissentOverride: "1", reasonText: "trying" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(403);
});
