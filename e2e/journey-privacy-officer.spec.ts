import { expect, type Page, test } from "@playwright/test";
import { e2eStack } from "./support/e2e-stack";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, signInAsPersona } from "./support/journeys";
import { signInAs } from "./support/sign-in";

/**
 * The privacy officer's workspace: a nurse's self-claim raises an alert that the hospital's privacy
 * officer sees (header badge and queue), opens, notes, investigates and closes with a note; the
 * alert reaches Spine; four-eyes and organisation scope hold on the page and the API; other roles
 * cannot reach any of it.
 */
const PRIVACY_OFFICER = "900000000003";
const CLERK = "900000000005";
/** Seeded backlog (server/alerts/seed-alert-backlog.ts): one the privacy officer caused, one of another organisation. */
const OWN_ALERT = "9000A1E7-0000-4000-8000-000000000007";
const OTHER_ORG_ALERT = "9000A1E7-0000-4000-8000-000000000009";
const SAME_ORIGIN = { origin: e2eStack.appBaseUrl };

async function selfClaimThroughApi(page: Page, nhsNumber: string, reasonText: string) {
  const response = await page.request.post(`/api/patients/${nhsNumber}/lrs`, {
    headers: SAME_ORIGIN,
    data: {
      lrType: "08",
      accessReasonCode: "04",
      accessReasonText: reasonText,
      subject: { kind: "self" },
      idempotencyKey: crypto.randomUUID(),
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("a nurse's self-claim reaches the privacy officer, who notes, investigates and closes it; the alert reaches Spine", async ({
  page,
}, testInfo) => {
  const nhsNumber = PATIENTS.ordinary(41);
  const reasonText = `Seen in the emergency department ${Date.now()}`;
  await signInAsPersona(page, "nurse");
  await selfClaimThroughApi(page, nhsNumber, reasonText);

  await signInAs(page, PRIVACY_OFFICER, undefined, { returnTo: "/alerts" });
  await expect(page).toHaveTitle("Alerts – LR Manager – NHS");
  await expect(page.getByTestId("new-alerts-badge")).toBeVisible();
  await page.getByLabel("User ID").fill("900000000002");
  await page.getByRole("combobox", { name: "Status" }).selectOption("new");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByTestId("alert-row").filter({ hasText: "Create LR (Self Claimed)" }).first();
  await expect(row).toBeVisible();
  await expectNhsNumbersFormatted(page, nhsNumber);
  await checkAndCapture(page, testInfo, "alert-queue");

  await row.getByRole("link", { name: /View alert/ }).click();
  await expect(page.getByTestId("alert-reason-text")).toHaveText(reasonText);
  await expect(page.getByTestId("alert-who")).toContainText("900000000002");
  await expect(page.getByTestId("alert-status")).toHaveText("New");
  await expectNhsNumbersFormatted(page, nhsNumber);
  await checkAndCapture(page, testInfo, "alert-page");

  await page.getByLabel("Add a note", { exact: true }).first().fill("Checking the ED rota for the shift.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("alert-saved")).toContainText("Your note has been added");
  await expect(page.getByTestId("alert-history")).toContainText("Checking the ED rota for the shift.");

  await page.getByLabel("Under investigation").check();
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("Under investigation");

  // Closing needs a note.
  await page.getByLabel("Closed").check();
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter a note to close the alert");
  await checkAndCapture(page, testInfo, "alert-close-error");
  await page.locator("#alert-status-note").fill("Rota confirms the nurse was on shift. Appropriate.");
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("Closed");
  await expect(page.getByTestId("alert-history")).toContainText("Status changed from Under investigation to Closed");

  // The alert itself reached Spine (queued through the outbox, confirmed by Spine's MCCI).
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("alert-send-state").textContent();
      },
      { timeout: 45_000, intervals: [1000, 2000, 5000] },
    )
    .toBe("Sent to Spine");

  await page.getByTestId("review-patient-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legitimate relationships and audit trail");
  await expect(page.getByTestId("lr-row").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("patient-audit")).toContainText("Privacy alert raised");
  await checkAndCapture(page, testInfo, "alert-review-patient");
});

test("four-eyes: the privacy officer cannot change an alert they caused (page and API); another organisation's alert is not found", async ({
  page,
}) => {
  await signInAs(page, PRIVACY_OFFICER, undefined, { returnTo: `/alerts/${OWN_ALERT}` });
  await expect(page.getByTestId("four-eyes")).toContainText("You caused this alert");
  await expect(page.getByTestId("alert-actions")).toHaveCount(0);
  const close = await page.request.post(`/api/alerts/${OWN_ALERT}/status`, {
    headers: SAME_ORIGIN,
    data: { status: "closed", note: "Fine" },
  });
  expect(close.status()).toBe(403);
  const note = await page.request.post(`/api/alerts/${OWN_ALERT}/notes`, { headers: SAME_ORIGIN, data: { note: "Mine" } });
  expect(note.status()).toBe(403);

  expect((await page.request.get(`/api/alerts/${OTHER_ORG_ALERT}`)).status()).toBe(404);
  const closeOther = await page.request.post(`/api/alerts/${OTHER_ORG_ALERT}/status`, { headers: SAME_ORIGIN, data: { status: "open" } });
  expect(closeOther.status()).toBe(404);
  const response = await page.goto(`/alerts/${OTHER_ORG_ALERT}`);
  expect(response?.status()).toBe(404);
});

test("an emergency access by the GP raises an access alert with its reason, sent to Spine", async ({ page }) => {
  const nhsNumber = PATIENTS.ordinary(42);
  const reasonText = `Collapsed in the waiting room ${Date.now()}`;
  await signInAsPersona(page, "gp");
  const response = await page.request.post(`/api/patients/${nhsNumber}/emergency-access`, {
    headers: SAME_ORIGIN,
    data: { dissentOverride: "4", reasonText },
  });
  expect(response.status(), await response.text()).toBe(200);
  // The GP surgery has no privacy-officer persona: Spine's copy of the alert is the proof.
  await expect
    .poll(
      async () => {
        const alerts = await fetch(`${e2eStack.simulatorUrl}/_control/spine-alerts`).then(
          (r) => r.json() as Promise<{ alerts: unknown[] }>,
        );
        return JSON.stringify(alerts.alerts).includes(reasonText) && JSON.stringify(alerts.alerts).includes(nhsNumber);
      },
      { timeout: 45_000, intervals: [1000, 2000, 5000] },
    )
    .toBe(true);
});

test("a clerk and a nurse cannot reach the privacy officer's pages or routes", async ({ page }) => {
  for (const [uid, role] of [
    [CLERK, undefined],
    ["900000000002", "900000000201"],
  ] as const) {
    await signInAs(page, uid, role, { returnTo: "/" });
    await page.goto("/alerts");
    await expect(page).toHaveURL(/\/role-not-permitted/);
    expect((await page.request.get("/api/alerts")).status()).toBe(403);
    expect((await page.request.get(`/api/alerts/${OWN_ALERT}`)).status()).toBe(403);
    const post = await page.request.post(`/api/alerts/${OWN_ALERT}/status`, { headers: SAME_ORIGIN, data: { status: "open" } });
    expect(post.status()).toBe(403);
  }
});
