import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import type { AuditChainVerification } from "@/lib/schemas/audit-trail";
import { expectNoAxeViolations } from "./support/axe";
import { e2eStack } from "./support/e2e-stack";
import { checkAndCapture, expectNhsNumbersFormatted, PATIENTS, PERSONAS, signInAsPersona } from "./support/journeys";
import { signInAs } from "./support/sign-in";

/**
 * The audit trail viewer: a privacy officer finds what a nurse of their organisation did to one
 * patient (search by NHS number, page older and back), downloads it as CSV, and checks the hash
 * chain; a nurse and a clerk reach neither the page nor its API. axe on every state of the page.
 */
const PRIVACY_OFFICER = "900000000003";
const CLERK = { uid: "900000000005", roleProfileId: "900000000501" };
const SAME_ORIGIN = { origin: e2eStack.appBaseUrl };
const LOOKUPS = 28;

/** CSV rows (RFC 4180 quoting), from the file as downloaded. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

async function rowIds(page: Page): Promise<string[]> {
  return page.getByTestId("audit-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-event-id") ?? ""));
}

test("a privacy officer searches by patient, pages, exports the CSV and verifies the chain", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const nhsNumber = PATIENTS.ordinary(61);
  // The nurse (same organisation as the privacy officer) looks the patient's relationships up many times.
  await signInAsPersona(page, "nurse");
  for (let n = 0; n < LOOKUPS; n++) {
    const response = await page.request.get(`/api/patients/${nhsNumber}/lrs`);
    expect(response.status(), await response.text()).toBe(200);
  }

  await signInAs(page, PRIVACY_OFFICER, undefined, { returnTo: "/audit" });
  await expect(page).toHaveTitle("Audit trail – LR Manager – NHS");
  await expect(page.locator("header").getByRole("link", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByTestId("audit-scope")).toContainText("organisation ZZH");
  await checkAndCapture(page, testInfo, "audit-trail");

  // A wrong NHS number: error summary, and nothing searched.
  await page.getByLabel("Patient's NHS number").fill("999 000 0001");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveTitle(/^Error: Audit trail/);
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter a valid NHS number");
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // By patient, typed 3-3-4 as people do.
  await page.getByLabel("Patient's NHS number").fill(formatNhsNumber(nhsNumber));
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveTitle("Audit trail – LR Manager – NHS");
  await expect(page.getByTestId("audit-row")).toHaveCount(25);
  await expectNhsNumbersFormatted(page, nhsNumber);
  await expect(page.getByTestId("audit-table")).toContainText(PERSONAS.nurse.uid);
  await expect(page.getByTestId("audit-table")).toContainText("Viewed a patient's relationships");
  await checkAndCapture(page, testInfo, "audit-trail-patient");
  const first = await rowIds(page);

  await page.getByRole("link", { name: "Older events" }).click();
  const second = await rowIds(page);
  expect(second.length).toBeGreaterThanOrEqual(LOOKUPS - 25);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  expect(Math.max(...second.map(Number))).toBeLessThan(Math.min(...first.map(Number)));
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Newer events" }).click();
  expect(await rowIds(page)).toEqual(first);

  // The CSV holds the whole filtered set, not only the page shown.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these events (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-trail-\d{8}-\d{6}\.csv$/);
  const text = await readFile((await download.path()) ?? "", "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual([
    "id",
    "at_utc",
    "user_id",
    "role_profile_id",
    "organisation",
    "action",
    "action_name",
    "nhs_number",
    "outcome",
    "spine_message_id",
    "request_id",
    "details",
    "prev_hash",
    "row_hash",
  ]);
  expect(rows.length).toBeGreaterThan(25);
  expect(rows.every((row) => row[7] === nhsNumber && row[4] === "ZZH")).toBe(true);
  const nurseLookups = rows.filter((row) => row[2] === PERSONAS.nurse.uid && row[5] === "lr.details-query");
  expect(nurseLookups).toHaveLength(LOOKUPS);
  expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row[13] ?? ""))).toBe(true);

  await page.getByRole("button", { name: "Verify the audit trail" }).click();
  const result = page.getByTestId("verify-result");
  await expect(result).toContainText("The audit trail is intact", { timeout: 60_000 });
  await expect(result).toContainText(/[\d,]+ events? checked/);
  await checkAndCapture(page, testInfo, "audit-trail-verified");
});

test("a broken chain is shown naming the first broken event (the server's answer, as the button renders it)", async ({ page }) => {
  // The e2e app's PGlite folder belongs to the app process, so a row cannot be changed from here;
  // tests/integration/audit-viewer.test.ts changes one and shows the verify route naming it. This
  // renders that answer's shape and checks the page with axe.
  const broken: AuditChainVerification = {
    ok: false,
    rows: 41,
    checkedAt: new Date().toISOString(),
    broken: {
      id: 42,
      at: "2026-12-02T16:21:17.123456Z",
      action: "lr.details-query",
      problems: ["content"],
      message:
        "Row 42 (lr.details-query, 2026-12-02T16:21:17.123456Z): its content no longer matches its hash (stored 3f1c…, recomputed 9ab0…): it was changed after it was written.",
      storedHash: "3".repeat(64),
      recomputedHash: "9".repeat(64),
      storedPrevHash: "1".repeat(64),
      expectedPrevHash: "1".repeat(64),
    },
  };
  await signInAs(page, PRIVACY_OFFICER, undefined, { returnTo: "/audit" });
  await page.route("**/api/audit/verify", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(broken) }),
  );
  await page.getByRole("button", { name: "Verify the audit trail" }).click();
  await expect(page.getByRole("heading", { name: "The audit trail has been changed at event 42" })).toBeVisible();
  await expect(page.getByTestId("verify-result")).toContainText("Row 42 (lr.details-query");
  await expectNoAxeViolations(page);
});

test("a nurse and a clerk cannot reach the audit trail page or its API", async ({ browser }) => {
  for (const who of [
    { uid: PERSONAS.nurse.uid, role: PERSONAS.nurse.roleProfileId },
    { uid: CLERK.uid, role: undefined },
  ]) {
    const context = await browser.newContext({ baseURL: e2eStack.appBaseUrl });
    const page = await context.newPage();
    await signInAs(page, who.uid, who.role, { returnTo: "/" });
    await expect(page.locator("header").getByRole("link", { name: "Audit trail" })).toHaveCount(0);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/role-not-permitted/);
    await expect(page.getByTestId("audit-table")).toHaveCount(0);
    for (const path of ["/api/audit/events", "/api/audit/export"]) {
      const response = await page.request.get(path);
      expect(response.status(), `${who.uid} ${path}`).toBe(403);
    }
    const verify = await page.request.post("/api/audit/verify", { headers: SAME_ORIGIN });
    expect(verify.status(), `${who.uid} verify`).toBe(403);
    await context.close();
  }
});
