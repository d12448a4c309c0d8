import { expect, test } from "@playwright/test";
import {
  checkAndCapture,
  expectNhsNumbersFormatted,
  faultNumber,
  signInAsPersona,
  simulatorLrs,
  spineMessagesFor,
} from "./support/journeys";

/**
 * The relationship panel uses the synchronous confirm query, so each failure class shows there
 * straight away. Every Spine failure class, driven by the simulator's magic NHS numbers: the page says what
 * happened in plain English, gives the message reference and what to do next, and offers
 * "Try again" only where repeating is safe. Nothing is ever shown as done unless Spine confirmed it.
 */
const CASES = [
  { fault: "rejected", code: "spine_rejected", retry: false },
  { fault: "businessError", code: "spine_business_error", retry: false },
  { fault: "soapFault200", code: "spine_unavailable", retry: true },
] as const;

for (const c of CASES) {
  test(`patient page: ${c.fault} is shown as ${c.code} with a reference`, async ({ page }, testInfo) => {
    const nhsNumber = faultNumber(c.fault);
    await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
    const problem = page.getByTestId("relationship").getByTestId("problem-message");
    await expect(problem).toHaveAttribute("data-error-code", c.code);
    await expect(problem.getByTestId("problem-reference")).toHaveText(/^[0-9A-F-]{36}$/);
    await expect(problem.getByRole("button", { name: "Try again" })).toHaveCount(c.retry ? 1 : 0);
    await expect(page.getByTestId("relationship-answer")).toHaveCount(0);
    await expectNhsNumbersFormatted(page, nhsNumber);
    await checkAndCapture(page, testInfo, `failure-${c.fault}`);
  });
}

test("patient page: Try again asks Spine once more (a new confirm query, a new reference), never by itself", async ({ page }) => {
  const nhsNumber = faultNumber("soapFault200");
  await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
  const problem = page.getByTestId("relationship").getByTestId("problem-message");
  const reference = problem.getByTestId("problem-reference");
  await expect(reference).toHaveText(/^[0-9A-F-]{36}$/);
  const first = await reference.textContent();
  const sent = await spineMessagesFor("QUPC_IN010000UK32", nhsNumber);
  await problem.getByRole("button", { name: "Try again" }).click();
  // The fault is on this patient for good, so the answer is the same failure — under a new message.
  await expect(reference).not.toHaveText(first ?? "");
  await expect(reference).toHaveText(/^[0-9A-F-]{36}$/);
  expect(await spineMessagesFor("QUPC_IN010000UK32", nhsNumber)).toBe(sent + 1);
  await expect(page.getByTestId("relationship-answer")).toHaveCount(0);
});

test("self-claim refused by Spine (business error) is never shown as recorded", async ({ page }) => {
  const nhsNumber = faultNumber("businessError");
  await signInAsPersona(page, "nurse", `/patients/${nhsNumber}/self-claim`);
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByLabel("Reason", { exact: true }).selectOption("04");
  await page.getByLabel("Give details").fill("Attending in clinic");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: "Me", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByTestId("submit-claim").click();
  await expect(page.getByTestId("update-failed")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("update-confirmed")).toHaveCount(0);
  await expect(page.getByTestId("problem-message")).toHaveAttribute("data-error-code", "spine_business_error");
  await expect(page.getByTestId("problem-message")).toBeFocused();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  expect(await simulatorLrs(nhsNumber)).toEqual([]);
});

test("timeout: Spine never answers, the page says so with a reference and offers Try again", async ({ page }) => {
  test.setTimeout(150_000);
  const nhsNumber = faultNumber("noReply");
  await signInAsPersona(page, "gp", `/patients/${nhsNumber}`);
  const problem = page.getByTestId("lr-list").getByTestId("problem-message");
  await expect(problem).toHaveAttribute("data-error-code", "spine_timeout", { timeout: 120_000 });
  await expect(problem.getByTestId("problem-reference")).toHaveText(/^[0-9A-F-]{36}$/);
  await expect(problem.getByRole("button", { name: "Try again" })).toHaveCount(1);
});
