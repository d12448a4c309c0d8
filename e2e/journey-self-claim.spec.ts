import { expect, type Page, test } from "@playwright/test";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona, simulatorLrs, spineMessagesFor } from "./support/journeys";

/** Walk the self-claim journey with the mouse up to "Check your answers"; capture each step. */
async function answerSelfClaim(page: Page, nhsNumber: string, subject: string, capture?: (name: string) => Promise<void>) {
  await page.goto(`/patients/${nhsNumber}/self-claim`);
  await expect(page).toHaveTitle("Self-claim a relationship – LR Manager – NHS");
  await expectNhsNumbersFormatted(page, nhsNumber);
  await capture?.("self-claim-start");
  await page.getByRole("button", { name: "Start now" }).click();
  // No reason yet: error summary, then answer.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toBeFocused();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Select why you need access");
  await expect(page).toHaveTitle(/^Error: /);
  await capture?.("self-claim-reason-error");
  await page.getByLabel("Reason", { exact: true }).selectOption("04");
  await page.getByLabel("Give details").fill("Patient attended the emergency department");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who is the relationship for?");
  await capture?.("self-claim-subject");
  await page.getByRole("radio", { name: subject, exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before claiming");
  await expect(page.getByTestId("check-answers")).toContainText("Best interests of patient");
  await capture?.("self-claim-check");
}

test("nurse self-claims for herself: check answers with change links, Spine confirms, patient page shows it at once", async ({
  page,
}, testInfo) => {
  const nhsNumber = PATIENTS.ordinary(11);
  await signInAsPersona(page, "nurse");
  const before = await simulatorLrs(nhsNumber);
  await answerSelfClaim(page, nhsNumber, "Me", (name) => checkAndCapture(page, testInfo, name));
  // A change link goes back to the question and returns to the check page.
  await page.getByRole("link", { name: /Change\s+details/ }).click();
  await expect(page.getByLabel("Give details")).toHaveValue("Patient attended the emergency department");
  await page.getByLabel("Give details").fill("Patient attended the emergency department, unconscious");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("check-answers")).toContainText("unconscious");
  await page.getByTestId("submit-claim").click();
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Relationship recorded");
  const lrId = (await page.getByTestId("confirmed-lr-id").textContent()) ?? "";
  expect(lrId).not.toBe("");
  await expect(page.getByText("privacy officer has been alerted")).toBeVisible();
  await checkAndCapture(page, testInfo, "self-claim-confirmation");
  const after = await simulatorLrs(nhsNumber);
  expect(after.length).toBe(before.length + 1);
  expect(after.find((lr) => lr.lr_id === lrId)?.lr_type_code).toBe("08");
  await page.getByRole("link", { name: "Go to the patient's relationships" }).click();
  await expect(page.locator(`[data-testid=lr-row][data-lr-id="${lrId}"]`)).toContainText("You");
  await expect(page.getByTestId("relationship-answer")).toHaveAttribute("data-has-lr", "true");
});

test("nurse self-claims for her workgroup", async ({ page }) => {
  const nhsNumber = PATIENTS.ordinary(13);
  await signInAsPersona(page, "nurse");
  await answerSelfClaim(page, nhsNumber, "SYNTH ED NURSES (workgroup)");
  await expect(page.getByTestId("check-answers")).toContainText("SYNTH ED NURSES");
  await page.getByTestId("submit-claim").click();
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
  const lrId = (await page.getByTestId("confirmed-lr-id").textContent()) ?? "";
  const created = (await simulatorLrs(nhsNumber)).find((lr) => lr.lr_id === lrId);
  expect(created?.subject_kind).toBe("workgroup");
  await page.goto(`/patients/${nhsNumber}`);
  await expect(page.locator(`[data-testid=lr-row][data-lr-id="${lrId}"]`)).toContainText("SYNTH ED NURSES (your workgroup)");
});

test("double-click on submit sends one Spine message and creates one LR", async ({ page }) => {
  const nhsNumber = PATIENTS.ordinary(14);
  await signInAsPersona(page, "nurse");
  const before = await simulatorLrs(nhsNumber);
  await answerSelfClaim(page, nhsNumber, "Me");
  await page.getByTestId("submit-claim").dblclick();
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
  expect(await spineMessagesFor("REPC_IN010000UK15", nhsNumber)).toBe(1);
  expect((await simulatorLrs(nhsNumber)).length).toBe(before.length + 1);
});

test("keyboard only: the whole self-claim journey without a mouse", async ({ page }) => {
  const nhsNumber = PATIENTS.ordinary(16);
  await signInAsPersona(page, "nurse", `/patients/${nhsNumber}`);
  const tabTo = async (locator: ReturnType<Page["locator"]>, max = 40) => {
    for (let i = 0; i < max; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error("could not reach element by keyboard");
  };
  await tabTo(page.getByTestId("self-claim-link"));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/self-claim$/);
  await tabTo(page.getByRole("button", { name: "Start now" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await tabTo(page.getByLabel("Reason", { exact: true }));
  await page.keyboard.press("ArrowDown"); // 01 Public interest
  await page.keyboard.press("Tab");
  await page.keyboard.type("Covering the ward, patient transferred in");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // Continue
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who is the relationship for?");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await tabTo(page.getByRole("radio", { name: "Me", exact: true }));
  await page.keyboard.press("Space");
  await tabTo(page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before claiming");
  await tabTo(page.getByTestId("submit-claim"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("update-confirmed")).toBeVisible({ timeout: 30_000 });
});

test("the questions cannot be loaded (connection lost after the page loaded): the page says so, nothing is sent", async ({ page }) => {
  const nhsNumber = PATIENTS.ordinary(17);
  await signInAsPersona(page, "nurse", `/patients/${nhsNumber}/self-claim`);
  await expect(page.getByRole("button", { name: "Start now" })).toBeVisible();
  // The page's own scripts have all arrived (the button is server-rendered: visible before it works).
  await page.waitForLoadState("networkidle");
  const before = await spineMessagesFor("REPC_IN010000UK15", nhsNumber);
  // The start page is loaded; from now on the browser cannot fetch any more of the app's code.
  await page.route("**/_next/static/chunks/**", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "Start now" }).click();
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("LR Manager could not load the next part of this page. Check your connection, then try again.");
  await expect(page.getByRole("button", { name: "Start now" })).toBeVisible();
  // The connection is back: Start now works.
  await page.unroute("**/_next/static/chunks/**");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page.getByLabel("Reason", { exact: true })).toBeVisible();
  await expect(summary).toHaveCount(0);
  expect(await spineMessagesFor("REPC_IN010000UK15", nhsNumber)).toBe(before);
});
