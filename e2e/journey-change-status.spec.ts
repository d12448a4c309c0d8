import { expect, test } from "@playwright/test";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona, simulatorLrs } from "./support/journeys";

/** Change an LR's status: only the reasons the transition map allows, check answers, Spine confirms. */
test("GP freezes an active LR, then closes it; freeze reasons are not offered for a frozen LR", async ({ page }, testInfo) => {
  const nhsNumber = PATIENTS.gpActive;
  await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
  const row = page.getByTestId("lr-row").first();
  await expect(row).toHaveAttribute("data-status", "active");
  const lrId = (await row.getAttribute("data-lr-id")) ?? "";
  await row.getByTestId("change-status-link").click();
  await expect(page).toHaveTitle("Change relationship status – LR Manager – NHS");
  await expect(page.getByTestId("current-status")).toHaveText("Active");
  await expectNhsNumbersFormatted(page, nhsNumber);
  // From active, freeze, closure and re-activation reasons are all offered.
  await expect(page.getByLabel("Workgroup Closure (Freeze)")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toBeFocused();
  await checkAndCapture(page, testInfo, "change-status-reason");
  await page.getByLabel("Timed out through lack of use (Freeze)").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("check-answers")).toContainText("Frozen");
  await checkAndCapture(page, testInfo, "change-status-check");
  await page.getByTestId("submit-status").click();
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
  await checkAndCapture(page, testInfo, "change-status-confirmation");
  expect((await simulatorLrs(nhsNumber)).find((lr) => lr.lr_id === lrId)?.status).toBe("frozen");

  // Frozen: no freeze reasons; close it.
  await page.goto(`/patients/${nhsNumber}/lrs/${lrId}/status`);
  await expect(page.getByTestId("current-status")).toHaveText("Frozen");
  await expect(page.getByLabel("Workgroup Closure (Freeze)")).toHaveCount(0);
  await expect(page.getByLabel("Timed out through lack of use (Freeze)")).toHaveCount(0);
  await page.getByLabel("Relationship Termination").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByTestId("submit-status").click();
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
  expect((await simulatorLrs(nhsNumber)).find((lr) => lr.lr_id === lrId)?.status).toBe("closed");

  // Closed: no link on the patient page, and the page offers nothing.
  await page.goto(`/patients/${nhsNumber}`);
  await expect(page.locator(`[data-testid=lr-row][data-lr-id="${lrId}"]`)).toHaveAttribute("data-status", "closed");
  await expect(page.locator(`[data-testid=lr-row][data-lr-id="${lrId}"] [data-testid=change-status-link]`)).toHaveCount(0);
  await page.goto(`/patients/${nhsNumber}/lrs/${lrId}/status`);
  await expect(page.getByTestId("no-transitions")).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
});

test("the server refuses a transition the map does not allow, even if the page is bypassed", async ({ page }) => {
  const nhsNumber = PATIENTS.closedOnly;
  await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
  const lrId = (await page.getByTestId("lr-row").first().getAttribute("data-lr-id")) ?? "";
  const response = await page.request.post(`/api/lrs/${lrId}/status`, {
    data: { nhsNumber, reasonCode: "02", idempotencyKey: crypto.randomUUID() },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(409);
  expect((await response.json()).error.message).toContain("closed");
});
