import { expect, test } from "@playwright/test";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona } from "./support/journeys";

/** Find a patient: one NHS-number box, NHS error summary + inline error, recently viewed. */
test.describe("find a patient", () => {
  test.beforeEach(async ({ page }) => {
    await signInAsPersona(page, "gp");
    await expect(page).toHaveURL(/\/patients$/);
  });

  test("valid number with spaces opens the patient page and is then listed as recently viewed", async ({ page }, testInfo) => {
    await expect(page).toHaveTitle("Find a patient – LR Manager – NHS");
    await checkAndCapture(page, testInfo, "find-patient");
    await page.getByLabel("NHS number").fill("999 001 0005");
    await page.getByRole("button", { name: "Find patient" }).click();
    await expect(page).toHaveURL(new RegExp(`/patients/${PATIENTS.manyLrs}$`));
    await expect(page.getByTestId("banner-nhs-number")).toHaveText("999 001 0005");
    await expectNhsNumbersFormatted(page, PATIENTS.manyLrs);
    await page.goto("/patients");
    await expect(page.getByTestId("recent-patients")).toContainText("999 001 0005");
    await expectNhsNumbersFormatted(page, PATIENTS.manyLrs);
    await checkAndCapture(page, testInfo, "find-patient-recent");
  });

  test("bad check digit: error summary focused, linked to the inline error, number echoed 3-3-4", async ({ page }, testInfo) => {
    await page.getByLabel("NHS number").fill(PATIENTS.invalidCheckDigit);
    await page.getByRole("button", { name: "Find patient" }).click();
    await expect(page).toHaveTitle("Error: Find a patient – LR Manager – NHS");
    const summary = page.locator(".nhsuk-error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Enter a valid NHS number");
    await expect(page.locator(".nhsuk-error-message")).toContainText("Enter a valid NHS number");
    await expect(page.getByLabel("NHS number")).toHaveValue("999 001 0006");
    await expect(page.getByTestId("entered-number")).toContainText("999 001 0006");
    await summary.getByRole("link").click();
    await expect(page.getByLabel("NHS number")).toBeFocused();
    await checkAndCapture(page, testInfo, "find-patient-error");
  });

  test("wrong length and letters are refused with their own messages", async ({ page }) => {
    for (const [typed, message] of [
      ["999 001 000", "NHS number must be 10 digits"],
      ["999 001 00O5", "NHS number must only include numbers and spaces"],
      ["", "Enter the patient's NHS number"],
    ] as const) {
      await page.getByLabel("NHS number").fill(typed);
      await page.getByRole("button", { name: "Find patient" }).click();
      await expect(page.locator(".nhsuk-error-summary")).toContainText(message);
      await expect(page.locator(".nhsuk-error-summary")).toBeFocused();
      await expect(page).toHaveURL(/\/patients\?nhsNumber=/);
    }
  });
});
