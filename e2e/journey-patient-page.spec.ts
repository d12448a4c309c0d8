import { expect, test } from "@playwright/test";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona } from "./support/journeys";

/** The patient page: banner, relationship (confirm query), LR list (details query) as a sortable, filterable table. */
test("GP sees the complete list with status tags, sorts and filters it", async ({ page }, testInfo) => {
  await signInAsPersona(page, "gp", `/patients/${PATIENTS.manyLrs}`);
  await expect(page).toHaveTitle("Patient – LR Manager – NHS");
  const banner = page.getByTestId("patient-banner");
  await expect(banner.getByRole("heading", { level: 1 })).toHaveText(/^[A-Z]+, [A-Z][a-z]+/);
  await expect(banner).toContainText(/Born\s*\d{2}-[A-Z][a-z]{2}-\d{4} \(\d+y\)/);
  await expect(page.getByTestId("synthetic-marker")).toBeVisible();
  await expect(page.getByTestId("relationship-answer")).toHaveAttribute("data-has-lr", "true");
  await expect(page.getByTestId("relationship")).toContainText("You hold it yourself.");
  const rows = page.getByTestId("lr-row");
  await expect(rows).toHaveCount(13);
  await expect(page.locator("[data-testid=lr-table] .nhsuk-tag")).toHaveCount(13);
  await expectNhsNumbersFormatted(page, PATIENTS.manyLrs);
  await checkAndCapture(page, testInfo, "patient-page");

  // Sort by type: header announces aria-sort and the order changes.
  const typeHeader = page.locator("th", { has: page.getByRole("button", { name: "Type" }) });
  await typeHeader.getByRole("button").click();
  await expect(typeHeader).toHaveAttribute("aria-sort", "ascending");
  const typesAscending = await page.locator("[data-testid=lr-row] td:nth-child(2)").allTextContents();
  const sorted = [...typesAscending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  expect(typesAscending.map((t) => t.replace(/^Type /, ""))).toEqual(sorted.map((t) => t.replace(/^Type /, "")));
  await typeHeader.getByRole("button").click();
  await expect(typeHeader).toHaveAttribute("aria-sort", "descending");

  // Filter by status.
  await page.getByLabel("Status", { exact: true }).selectOption("frozen");
  const frozen = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
  expect(frozen.length).toBeGreaterThan(0);
  expect(new Set(frozen)).toEqual(new Set(["frozen"]));
  await expect(page.getByTestId("lr-count")).toContainText(`Showing ${frozen.length} of 13`);
  await page.getByLabel("Status", { exact: true }).selectOption("closed");
  await expect(rows.first()).toHaveAttribute("data-status", "closed");
  // Closed LRs offer no status change; active ones do.
  await expect(page.locator("[data-testid=lr-row][data-status=closed] [data-testid=change-status-link]")).toHaveCount(0);
});

test("nurse sees the simple list, holds the LR through a workgroup, and has no emergency access", async ({ page }, testInfo) => {
  await signInAsPersona(page, "nurse", `/patients/${PATIENTS.manyLrs}`);
  await expect(page.getByTestId("lr-row").first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Status" })).toHaveCount(0);
  await expect(page.getByTestId("change-status-link")).toHaveCount(0);
  await expect(page.getByTestId("emergency-link")).toHaveCount(0);
  await expect(page.getByTestId("relationship-workgroups")).toContainText("SYNTH ED NURSES");
  await expectNhsNumbersFormatted(page, PATIENTS.manyLrs);
  await checkAndCapture(page, testInfo, "patient-page-simple");
});

test("empty state and deceased marker", async ({ page }, testInfo) => {
  await signInAsPersona(page, "gp", `/patients/${PATIENTS.noLrs}`);
  await expect(page.getByTestId("lr-empty")).toHaveText("There are no legitimate relationships recorded for this patient.");
  await expect(page.getByTestId("relationship-answer")).toHaveAttribute("data-has-lr", "false");
  await expectNhsNumbersFormatted(page, PATIENTS.noLrs);
  await checkAndCapture(page, testInfo, "patient-page-empty");
  await page.goto(`/patients/${PATIENTS.deceased}`);
  await expect(page.getByTestId("deceased-marker")).toHaveText("Deceased");
  await expect(page.getByTestId("patient-banner")).toContainText("Died");
  await expectNhsNumbersFormatted(page, PATIENTS.deceased);
  await checkAndCapture(page, testInfo, "patient-page-deceased");
});

test("a number PDS does not know shows 'No patient found' with the number 3-3-4", async ({ page }) => {
  await signInAsPersona(page, "gp", "/patients/9998000009");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No patient found");
  await expectNhsNumbersFormatted(page, "9998000009");
});
