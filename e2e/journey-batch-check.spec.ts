import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { formatNhsNumber, nhsCheckDigit, syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { expectNoAxeViolations } from "./support/axe";
import { checkAndCapture, PATIENTS, signInAsPersona } from "./support/journeys";

/**
 * The batch LR check: a clinic list (upload or paste) for me, checked against Spine (the
 * simulator) as a job — progress, summary, filter, search, paging, the patient link on "no LR"
 * rows and the CSV download with the list's own columns; over-long lists refused; keyboard only.
 */

function wrongCheckDigit(nhsNumber: string): string {
  const right = nhsCheckDigit(nhsNumber.slice(0, 9)) ?? 0;
  return `${nhsNumber.slice(0, 9)}${(right + 1) % 10}`;
}

/** `count` distinct valid synthetic numbers nobody knows (999 2xx xxxx: clear of the seeded and magic ranges). */
function unknownNumbers(count: number): string[] {
  const numbers = new Set<string>();
  for (let n = 200_000; numbers.size < count; n++) numbers.add(syntheticNhsNumber(n));
  return [...numbers];
}

/** Distinct seeded ordinary patients (neighbouring seeds can give the same number). */
const SEEDED = [...new Set(Array.from({ length: 60 }, (_, i) => PATIENTS.ordinary(20 + i)))]
  .filter((n) => n !== PATIENTS.gpActive && n !== PATIENTS.noLrs)
  .slice(0, 30);

/** 10,000 rows: the GP's own LR patient first, seeded patients, unknown ones, and 25 bad rows spread through. */
function clinicCsv(total: number): { csv: string; bad: number; first: string } {
  const bad = [wrongCheckDigit(PATIENTS.noLrs), "99900123", "999 00A 1234", formatNhsNumber(PATIENTS.gpActive), ""];
  const good = [PATIENTS.gpActive, PATIENTS.noLrs, ...SEEDED, ...unknownNumbers(total)];
  const lines = ["NHS number,Patient,Clinic"];
  let badRows = 0;
  let next = 0;
  for (let row = 1; row <= total; row++) {
    if (row % 400 === 0) {
      lines.push(`${bad[badRows % bad.length]},Patient ${row},"Clinic, room ${row % 9}"`);
      badRows++;
    } else {
      lines.push(`${formatNhsNumber(good[next++] ?? "")},Patient ${row},"Clinic, room ${row % 9}"`);
    }
  }
  return { csv: lines.join("\r\n"), bad: badRows, first: PATIENTS.gpActive };
}

async function startBatchCheck(page: Page): Promise<void> {
  await signInAsPersona(page, "gp");
  await page.getByTestId("batch-check-link").click();
  await expect(page).toHaveTitle("Check a list of patients – LR Manager – NHS");
}

async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("could not reach the element with Tab");
}

test("a 10,000-row clinic list: progress, summary, filter to no LR, search, paging, download with the list's columns", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const { csv, bad } = clinicCsv(10_000);
  await startBatchCheck(page);
  await checkAndCapture(page, testInfo, "batch-check-start");
  await page.locator("#list").setInputFiles({ name: "clinic-monday.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
  const answers = page.getByTestId("check-answers");
  await expect(answers).toContainText("clinic-monday.csv");
  await expect(answers).toContainText("Rows found10,000");
  await expect(answers).toContainText(`NHS numbers to check${(10_000 - bad).toLocaleString("en-GB")}`);
  await expect(page.getByTestId("rejected-reasons")).toContainText("Not a valid NHS number: 5");
  await expect(page.getByTestId("rejected-reasons")).toContainText("Already in the list: 5");
  await checkAndCapture(page, testInfo, "batch-check-answers");

  await page.getByTestId("run-check").click();
  await page.waitForURL(/\/batch-check\/[0-9A-F-]{36}$/);
  await expect(page.getByTestId("batch-progress")).toBeVisible();
  await expectNoAxeViolations(page);
  const checkUrl = page.url();

  await expect(page.getByTestId("batch-summary")).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Results of your batch check");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  const summary = page.getByTestId("batch-summary");
  await expect(summary).toContainText("Rows in the list10,000");
  await expect(summary).toContainText(`Invalid (not checked)${bad}`);
  await checkAndCapture(page, testInfo, "batch-check-results");

  // All rows, page 2.
  const results = page.getByTestId("batch-results");
  await expect(results.locator("caption")).toHaveText("Rows 1 to 50 of 10,000");
  await expect(results.locator("tbody tr").first()).toContainText(formatNhsNumber(PATIENTS.gpActive));
  await expect(results.locator("tbody tr").first()).toHaveAttribute("data-outcome", "lr");
  await page.getByRole("link", { name: /Next/ }).click();
  await expect(results.locator("caption")).toHaveText("Rows 51 to 100 of 10,000");

  // Filter to no LR: every row is "No LR" and links to the patient page to self-claim.
  await page.getByRole("radio", { name: /^No LR/ }).check();
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(results.locator("caption")).toHaveText(/^Rows 1 to \d+ of \d+$/);
  const outcomes = await results.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-outcome")));
  expect(outcomes.length).toBeGreaterThan(0);
  expect(new Set(outcomes)).toEqual(new Set(["no-lr"]));
  const noLrLink = results.getByRole("link", { name: `Open patient to self-claim for ${formatNhsNumber(PATIENTS.noLrs)}` });
  await expect(noLrLink).toHaveAttribute("href", `/patients/${PATIENTS.noLrs}`);
  await checkAndCapture(page, testInfo, "batch-check-no-lr");

  // Search by part of an NHS number.
  await page.getByRole("radio", { name: /^All/ }).check();
  await page.getByLabel("Search by NHS number").fill(formatNhsNumber(PATIENTS.gpActive).slice(0, 7));
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(results.locator("tbody tr").first()).toContainText(formatNhsNumber(PATIENTS.gpActive));

  // A reload (or a second tab) finds the same check.
  const second = await page.context().newPage();
  await second.goto(checkUrl);
  await expect(second.getByTestId("batch-summary")).toContainText("Rows in the list10,000");
  await second.close();

  // The download: the list's own columns and rows, then the outcome columns.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  const text = readFileSync(await download.path(), "utf8");
  const lines = text
    .replace(/^\ufeff/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("NHS number,Patient,Clinic,NHS number checked,Outcome,Detail");
  expect(lines).toHaveLength(10_001);
  expect(lines[1]).toBe(`${formatNhsNumber(PATIENTS.gpActive)},Patient 1,"Clinic, room 1",${formatNhsNumber(PATIENTS.gpActive)},LR,`);
  expect(lines[400]).toMatch(/^.*,Patient 400,"Clinic, room 4",,Invalid,Not a valid NHS number/);
  const outcomeCounts = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const outcome = line.match(/,(LR|No LR|Invalid|Spine error),/)?.[1] ?? "?";
    outcomeCounts.set(outcome, (outcomeCounts.get(outcome) ?? 0) + 1);
  }
  expect(outcomeCounts.get("Invalid")).toBe(bad);
  expect(outcomeCounts.get("?")).toBeUndefined();
});

test("a pasted list of 12 numbers with 2 bad ones: 10 checked, 2 reported on their rows", async ({ page }) => {
  const good = [PATIENTS.gpActive, PATIENTS.noLrs, ...SEEDED.slice(0, 8)];
  const pasted = [...good.slice(0, 5), wrongCheckDigit(PATIENTS.manyLrs), ...good.slice(5), "999 001"].map((n) => formatNhsNumber(n));
  await startBatchCheck(page);
  await page.getByLabel("Paste NHS numbers").fill(pasted.join("\n"));
  await page.getByRole("button", { name: "Continue" }).click();
  const answers = page.getByTestId("check-answers");
  await expect(answers).toContainText("Pasted list");
  await expect(answers).toContainText("Rows found12");
  await expect(answers).toContainText("NHS numbers to check10");
  await expect(page.getByTestId("rejected-rows")).toContainText("Not a valid NHS number");
  await expect(page.getByTestId("rejected-rows")).toContainText("Must be 10 digits");
  await expectNoAxeViolations(page);
  await page.getByTestId("run-check").click();
  await expect(page.getByTestId("batch-summary")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("batch-summary")).toContainText("Rows in the list12");
  await expect(page.getByTestId("batch-summary")).toContainText("Invalid (not checked)2");
  const rows = page.getByTestId("batch-results").locator("tbody tr");
  await expect(rows).toHaveCount(12);
  await expect(rows.nth(5)).toHaveAttribute("data-outcome", "invalid");
  await expect(rows.nth(11)).toHaveAttribute("data-outcome", "invalid");
  await expectNoAxeViolations(page);
});

test("10,001 rows are refused with a clear message saying how many were found", async ({ page }, testInfo) => {
  const csv = ["NHS number", ...unknownNumbers(10_001)].join("\n");
  await startBatchCheck(page);
  await page.locator("#list").setInputFiles({ name: "too-long.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("The list has 10,001 rows. You can check up to 10,000 patients at a time");
  await expect(page).toHaveTitle(/^Error: /);
  await checkAndCapture(page, testInfo, "batch-check-too-many");
  // The server says the same if the browser's check is bypassed.
  const response = await page.request.post("/api/batch-checks", {
    multipart: { pasted: csv, subject: "self" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(422);
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain("10,001 rows");
});

test("keyboard only: paste, continue, run, reach the results and the download", async ({ page }) => {
  await startBatchCheck(page);
  await tabTo(page, page.getByLabel("Paste NHS numbers"));
  await page.keyboard.type([PATIENTS.gpActive, PATIENTS.noLrs, wrongCheckDigit(PATIENTS.noLrs)].join("\n"));
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByTestId("check-answers")).toContainText("Rows found3");
  await tabTo(page, page.getByTestId("run-check"));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("batch-summary")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  // A radio group is one tab stop; the arrow keys choose within it (All → LR → No LR).
  await tabTo(page, page.getByRole("radio", { name: /^All/ }));
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^No LR/ })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Show results" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("batch-results").locator("tbody tr")).toHaveCount(1);
  await tabTo(page, page.getByRole("link", { name: /Open patient to self-claim/ }));
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/patients/${PATIENTS.noLrs}$`));
});
