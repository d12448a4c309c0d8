import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { e2eStack } from "./support/e2e-stack";
import { checkAndCapture, PATIENTS, PERSONAS, signInAsPersona } from "./support/journeys";
import { signInAs } from "./support/sign-in";

/**
 * Role profiles and workgroups (issue 14): the nurse's own role profiles as CIS2 and Spine see
 * them; the RA manager adding a nurse to a workgroup and removing her again; Spine's "already a
 * member" as information; the clerk kept out of the workgroup pages and API; names in LR lists.
 */

const RA_MANAGER = "900000000004";
const CLERK = "900000000005";
/** Ms Drew SYNTHAHP: may self-claim; her workgroups are looked up by no other journey, so nothing is cached for her. */
const HEALTH_PROFESSIONAL = "900000000010";
const NURSE_ROLE = PERSONAS.nurse.roleProfileId;
const PO_TEAM = "900000000502";
const ED_NURSES = "900000000501";

async function addNurse(page: Page, workgroupId: string, reason: string) {
  await page.goto(`/workgroups/${workgroupId}`);
  await page.getByTestId("add-member").click();
  await expect(page).toHaveTitle("Add a member – LR Manager – NHS");
  // No id yet: the error summary, then the answer.
  await page.getByTestId("find-user").click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter a user ID");
  await page.getByLabel("User ID").fill(PERSONAS.nurse.uid);
  await page.getByTestId("find-user").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Which of Robin SYNTHNURSE's role profiles should join the workgroup?");
  await page.getByRole("radio", { name: /Nurse Access Role at SYNTHETIC HOSPITALS NHS TRUST/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why you are adding them");
  await page.getByLabel("Why are you adding them?").fill(reason);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before adding the member");
  await expect(page.getByTestId("check-answers")).toContainText("Robin SYNTHNURSE");
  await expect(page.getByTestId("check-answers")).toContainText(NURSE_ROLE);
}

test("nurse sees both role profiles, CIS2's beside Spine's, with the difference highlighted", async ({ page }, testInfo) => {
  await signInAsPersona(page, "nurse", "/");
  await page.getByRole("link", { name: "My role profiles" }).click();
  await expect(page).toHaveTitle("My role profiles – LR Manager – NHS");
  const profiles = page.getByTestId("role-profile");
  await expect(profiles).toHaveCount(2);
  // The selected role is marked and comes first.
  await expect(profiles.first()).toHaveAttribute("data-role-profile-id", NURSE_ROLE);
  await expect(profiles.first()).toHaveAttribute("data-selected", "true");
  await expect(profiles.first().getByTestId("selected-role")).toHaveText("Selected role");
  // Spine's SDS does not hold the community role: said in plain English, and that card is marked.
  const differences = page.getByTestId("role-profile-differences");
  await expect(differences).toContainText("Spine does not know your role at SYNTHETIC COMMUNITY TRUST (FAKE)");
  const community = page.locator('[data-testid=role-profile][data-role-profile-id="900000000202"]');
  await expect(community).toHaveAttribute("data-differs", "true");
  await expect(community.getByTestId("spine-cell").first()).toHaveText(/Not held/);
  await expect(profiles.first()).toContainText("SYNTH ED NURSES");
  await expect(page.getByTestId("change-role")).toHaveAttribute("href", "/api/auth/change-role");
  await checkAndCapture(page, testInfo, "my-role-profiles");
});

test("RA manager adds a nurse to a workgroup, sees her listed, then removes her", async ({ page }, testInfo) => {
  await signInAs(page, RA_MANAGER, undefined, { returnTo: "/workgroups" });
  await expect(page).toHaveTitle("Workgroups – LR Manager – NHS");
  await checkAndCapture(page, testInfo, "workgroups-find");
  // A bad id is an error on the finder; then pick the workgroup from the organisation's list.
  await page.getByLabel("Workgroup ID").fill("abc");
  await page.getByTestId("find-workgroup").click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Workgroup ID must be up to 12 digits");
  await expectNoAxeViolations(page);
  await page.getByTestId("organisation-workgroups").getByRole("link", { name: "SYNTH PO TEAM" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("SYNTH PO TEAM");
  await expect(page.locator(`[data-testid=member-row][data-role-profile-id="${NURSE_ROLE}"]`)).toHaveCount(0);
  await checkAndCapture(page, testInfo, "workgroup");

  await addNurse(page, PO_TEAM, "Covering the privacy office while a colleague is away; approved by J SYNTHRA");
  await checkAndCapture(page, testInfo, "workgroup-add-check");
  await page.getByTestId("submit-change").click();
  // Back on the workgroup page, told what Spine confirmed, with her listed by name.
  const banner = page.getByTestId("change-banner");
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveAttribute("data-variant", "success");
  await expect(banner).toContainText("Robin SYNTHNURSE was added to SYNTH PO TEAM");
  const row = page.locator(`[data-testid=member-row][data-role-profile-id="${NURSE_ROLE}"]`);
  await expect(row).toContainText("Robin SYNTHNURSE");
  await expect(row).toContainText(PERSONAS.nurse.uid);
  await checkAndCapture(page, testInfo, "workgroup-added");

  await row.getByTestId("remove-member").click();
  await expect(page).toHaveTitle("Remove a member – LR Manager – NHS");
  const panel = page.getByTestId("interruption-panel");
  await expect(panel).toContainText("Robin SYNTHNURSE will lose access through SYNTH PO TEAM");
  await expect(panel).toContainText("can no longer see patients through SYNTH PO TEAM's legitimate relationships");
  await checkAndCapture(page, testInfo, "workgroup-remove-interruption");
  await page.getByTestId("continue-remove").click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter why you are making this change");
  await page.getByLabel("Why are you removing them?").fill("Cover ended");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before removing the member");
  await page.getByTestId("submit-change").click();
  await expect(page.getByTestId("change-banner")).toContainText("Robin SYNTHNURSE was removed from SYNTH PO TEAM", { timeout: 30_000 });
  await expect(page.locator(`[data-testid=member-row][data-role-profile-id="${NURSE_ROLE}"]`)).toHaveCount(0);
  await checkAndCapture(page, testInfo, "workgroup-removed");
});

test("Spine's 'already a member' is shown as information, not as an error", async ({ page }, testInfo) => {
  await signInAs(page, RA_MANAGER, undefined, { returnTo: `/workgroups/${ED_NURSES}` });
  await expect(page.locator(`[data-testid=member-row][data-role-profile-id="${NURSE_ROLE}"]`)).toContainText("Robin SYNTHNURSE");
  await addNurse(page, ED_NURSES, "Checking her membership");
  await page.getByTestId("submit-change").click();
  const banner = page.getByTestId("change-banner");
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveAttribute("data-variant", "information");
  await expect(banner).toContainText("Robin SYNTHNURSE was already a member of SYNTH ED NURSES");
  await expect(page.getByTestId("problem-message")).toHaveCount(0);
  await checkAndCapture(page, testInfo, "workgroup-already-member");
});

test("a clerk cannot reach the workgroup pages or their API", async ({ page }) => {
  await signInAs(page, CLERK, undefined, { returnTo: "/" });
  for (const path of ["/workgroups", `/workgroups/${ED_NURSES}`, `/workgroups/${ED_NURSES}/add`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/role-not-permitted/);
  }
  await expectNoAxeViolations(page);
  await expect(page.getByRole("link", { name: "Workgroups" })).toHaveCount(0);
  for (const path of ["/api/workgroups", `/api/workgroups/${ED_NURSES}`, `/api/directory/users/${PERSONAS.nurse.uid}`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
  const add = await page.request.post(`/api/workgroups/${PO_TEAM}/members`, {
    data: { userId: PERSONAS.nurse.uid, roleProfileId: NURSE_ROLE, reason: "Not allowed", idempotencyKey: crypto.randomUUID() },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(add.status()).toBe(403);
  expect(((await add.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  // "My role profiles" is for every signed-in user, the clerk included.
  await page.goto("/my-role-profiles");
  await expect(page.getByTestId("role-profile")).toHaveCount(1);
});

test("LR lists name people instead of showing their ids", async ({ page }, testInfo) => {
  await signInAsPersona(page, "gp", `/patients/${PATIENTS.manyLrs}`);
  const table = page.getByTestId("lr-table");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table).toContainText("Robin SYNTHNURSE");
  await expect(table).not.toContainText("User 9000");
  await expect(table).not.toContainText("Name not available");
  await expect(page.getByTestId("names-unavailable")).toHaveCount(0);
  await checkAndCapture(page, testInfo, "lr-list-names");
});

test("when SDS cannot say which workgroups she is in, the self-claim page says so instead of silently offering none", async ({
  page,
}, testInfo) => {
  await signInAs(page, HEALTH_PROFESSIONAL, undefined, { returnTo: "/patients" });
  const armed = await fetch(`${e2eStack.simulatorUrl}/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      match: { interactionId: "QUPC_IN010102UK01" },
      fault: { kind: "businessError", error: "unableToProcess" },
      times: 1,
    }),
  });
  expect(armed.status).toBe(201);
  try {
    await page.goto(`/patients/${PATIENTS.ordinary(21)}/self-claim`);
    const warning = page.getByTestId("workgroups-unavailable");
    await expect(warning).toContainText("Your workgroups could not be checked");
    await expect(warning).toContainText("could not check your workgroups with Spine's directory (SDS)");
    await expect(warning).toContainText("You can still claim a relationship for yourself");
    await checkAndCapture(page, testInfo, "self-claim-workgroups-unavailable");
  } finally {
    await fetch(`${e2eStack.simulatorUrl}/_control/faults`, { method: "DELETE" });
  }
});
