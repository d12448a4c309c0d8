import { type Browser, expect, type Page, test } from "@playwright/test";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { e2eStack } from "./support/e2e-stack";
import { checkAndCapture, signInAsPersona } from "./support/journeys";
import { signInAs } from "./support/sign-in";

/**
 * Issue 15, the trainer's session: the trainer resets the world and loads "Spine degraded"; the
 * nurse's self-claim waits and then says Spine has not confirmed it (the timeout message); the
 * trainer switches the fault off and the claim is confirmed; the message viewer shows that
 * self-claim's request and Spine's reply, explained layer by layer. A clinician cannot reach the
 * console, page or API. The world is reset afterwards so later specs start from the default.
 */
const TRAINER = "900000000008";
const PATIENT = "9990010013";
const POLL_MS = 2_000; // OPERATION_POLL_MS, components/api/use-operation-poll.ts
const MAX_POLLS = 45; // OPERATION_MAX_POLLS

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eStack.appBaseUrl });
  return context.newPage();
}

async function confirmAction(page: Page, start: () => Promise<void>): Promise<void> {
  await start();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toBeFocused();
  await panel.getByTestId("confirm").click();
  await page.waitForURL(/\/training\?done=/);
  await expect(page.getByTestId("console-done")).toBeVisible();
}

async function resetWorld(browser: Browser): Promise<void> {
  const page = await newPage(browser);
  await signInAs(page, TRAINER, undefined, { returnTo: "/training" });
  const response = await page.request.post("/api/training/reset", { headers: { origin: e2eStack.appBaseUrl } });
  expect(response.status()).toBe(200);
  await page.context().close();
}

test.afterAll(async ({ browser }) => {
  await resetWorld(browser);
});

test("trainer runs 'Spine degraded': the nurse's self-claim times out, the fault is switched off, it is confirmed, and the messages are explained", async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const trainer = await newPage(browser);
  await signInAs(trainer, TRAINER, undefined, { returnTo: "/training" });
  await expect(trainer.getByRole("heading", { level: 1, name: "Training console" })).toBeVisible();

  await confirmAction(trainer, () => trainer.getByTestId("reset-world").click());
  await expect(trainer.getByTestId("console-done")).toContainText("The training world was reset");
  await expect(trainer.getByTestId("no-faults")).toBeVisible();

  await confirmAction(trainer, async () => {
    await trainer.getByRole("radio", { name: "Spine degraded" }).check();
    await trainer.getByTestId("load-scenario").click();
  });
  await expect(trainer.getByTestId("console-done")).toContainText("Scenario loaded: Spine degraded");
  await expect(trainer.getByTestId("armed-fault")).toHaveCount(1);
  await expect(trainer.getByTestId("armed-fault")).toContainText("Spine timeout");
  await expect(trainer.getByTestId("training-notices")).toContainText("Spine is not answering in this exercise");
  await expect(trainer.getByTestId("demo-step")).toHaveCount(4);
  await expect(trainer.locator('[data-testid="demo-step"][data-done="true"]')).toHaveCount(0);
  await checkAndCapture(trainer, testInfo, "training-console-degraded");

  // The nurse, in her own browser: the banner tells her, and her claim is never shown as recorded.
  const nurse = await newPage(browser);
  await nurse.clock.install();
  await signInAsPersona(nurse, "nurse", `/patients/${PATIENT}/self-claim`);
  await expect(nurse.getByTestId("training-exercise")).toContainText("Spine degraded");
  await expect(nurse.getByTestId("training-notices")).toContainText("Spine is not answering in this exercise");
  await nurse.getByRole("button", { name: "Start now" }).click();
  await nurse.getByLabel("Reason", { exact: true }).selectOption("04");
  await nurse.getByLabel("Give details").fill("Training exercise: attending in clinic");
  await nurse.getByRole("button", { name: "Continue" }).click();
  // Her workgroups come from the directory cache when an earlier journey filled it; otherwise Spine
  // does not answer that lookup either, the page says so, and the claim can only be for her.
  const submit = nurse.getByTestId("submit-claim");
  const me = nurse.getByRole("radio", { name: "Me", exact: true });
  await expect(submit.or(me).first()).toBeVisible();
  if (await me.isVisible()) {
    await me.check();
    await nurse.getByRole("button", { name: "Continue" }).click();
  } else {
    await expect(nurse.getByTestId("workgroups-unavailable")).toBeVisible();
  }
  await submit.click();
  const pending = nurse.getByTestId("update-pending");
  await expect(pending).toBeVisible({ timeout: 30_000 });
  // The browser's polls are moved on one interval at a time until it gives up waiting.
  const checkAgain = nurse.getByRole("button", { name: "Check again" });
  for (let poll = 0; poll <= MAX_POLLS + 5 && !(await checkAgain.isVisible()); poll++) {
    const answered = nurse.waitForResponse((response) => response.url().includes("/api/operations/"), { timeout: 5_000 }).catch(() => null);
    await nurse.clock.fastForward(POLL_MS);
    await answered;
  }
  await expect(pending).toContainText("Spine has not confirmed the claim yet. It is not recorded until Spine confirms it.");
  await expect(nurse.getByTestId("update-confirmed")).toHaveCount(0);
  await checkAndCapture(nurse, testInfo, "training-trainee-timeout");

  // The trainer sees the step done, and switches the timeout off: the waiting claim is sent again.
  await trainer.reload();
  await expect(trainer.locator('[data-testid="demo-step"][data-done="true"]')).toHaveCount(2);
  await confirmAction(trainer, () => trainer.getByTestId("switch-fault-off").click());
  await expect(trainer.getByTestId("console-done")).toContainText("The fault is switched off");
  await expect(trainer.getByTestId("no-faults")).toBeVisible();

  await expect(async () => {
    await nurse.getByRole("button", { name: "Check again" }).click();
    await expect(nurse.getByTestId("update-confirmed")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(nurse.getByTestId("confirmed-lr-id")).toHaveText(/\S+/);

  await trainer.reload();
  await expect(trainer.locator('[data-testid="demo-step"][data-done="true"]')).toHaveCount(4);

  // The message viewer: the nurse's create and Spine's reply, explained.
  await trainer.getByTestId("message-viewer-link").click();
  const row = trainer.locator('[data-testid="trainee-message"][data-interaction="REPC_IN010000UK15"]').first();
  await expect(row).toContainText(formatNhsNumber(PATIENT));
  await expect(row).toContainText("Robin");
  await expect(row).toContainText("LR created");
  await checkAndCapture(trainer, testInfo, "training-messages");
  await row.getByRole("link", { name: /View/ }).click();
  const outbound = trainer.getByTestId("message-outbound").first();
  await expect(outbound).toHaveAttribute("data-interaction", "REPC_IN010000UK15");
  await expect(outbound.getByTestId("interaction-explanation")).toContainText("reliable");
  for (const layer of ["transport", "wrapper", "controlAct", "payload"]) {
    await expect(outbound.getByTestId(`message-layer-${layer}`)).toHaveCount(1);
  }
  await outbound.getByTestId("message-layer-payload").locator("summary").click();
  await expect(outbound.getByTestId("message-layer-payload")).toContainText(PATIENT);
  await expect(outbound.getByTestId("message-identifiers")).toContainText(formatNhsNumber(PATIENT));
  await expect(outbound.getByTestId("message-codes")).toContainText("Self Claimed Relationship");
  await expect(outbound.getByTestId("validator-rules").getByTestId("validator-rule").first()).toHaveAttribute("data-passed", "true");
  await expect(outbound.locator('[data-testid="validator-rule"][data-passed="false"]')).toHaveCount(0);
  const reply = trainer.locator('[data-testid="message-inbound"][data-interaction="REPC_IN020000UK13"]').first();
  await expect(reply.getByTestId("interaction-explanation")).toContainText("Spine's answer");
  await expect(reply.getByTestId("message-layer-payload")).toHaveCount(1);
  await checkAndCapture(trainer, testInfo, "training-message-detail");
});

test("a clinician cannot reach the console or its API", async ({ page }, testInfo) => {
  await signInAsPersona(page, "gp", "/training");
  await expect(page).toHaveURL(/\/role-not-permitted/);
  await checkAndCapture(page, testInfo, "training-refused");
  for (const path of ["/training/messages"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/role-not-permitted/);
  }
  const origin = { origin: e2eStack.appBaseUrl };
  expect((await page.request.post("/api/training/reset", { headers: origin })).status()).toBe(403);
  expect((await page.request.get("/api/training/faults")).status()).toBe(403);
  expect((await page.request.post("/api/training/faults", { headers: origin, data: { kind: "timeout" } })).status()).toBe(403);
});
