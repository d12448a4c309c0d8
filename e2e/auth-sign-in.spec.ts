import { expect, type Page, test } from "@playwright/test";
import { personas } from "@/lib/personas";
import { expectNoAxeViolations as axeCheck } from "./support/axe";
import { chooseUserAndRole, sessionStatus, signInAs } from "./support/sign-in";

/** axe once the page has fully loaded (styles applied), so layout rules such as target-size see the real page. */
async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await axeCheck(page);
}

/**
 * Sign-in journeys through the CIS2 stand-in's pages in a real browser, with axe on every page:
 * each persona, the role picker for two and seven roles, the zero-role and AAL1 dead ends,
 * Change role, and Log out.
 */

const axe = { checkPage: checkA11y };
const canSignIn = personas.filter((persona) => persona.roles.length > 0 && persona.authentication_assurance_level !== "1");

for (const persona of canSignIn) {
  const role = persona.roles[0];
  test(`signs in as ${persona.given_name} ${persona.family_name} (${persona.uid})`, async ({ page }) => {
    await signInAs(page, persona.uid, persona.roles.length > 1 ? role?.person_roleid : undefined, axe);
    const status = await sessionStatus(page);
    expect(status.signedIn).toBe(true);
    expect(status.roleProfileId).toBe(role?.person_roleid);
    await expect(page.getByTestId("account-user")).toHaveText(`${persona.given_name} ${persona.family_name}`);
    await expect(page.getByTestId("account-role")).toContainText(role?.job_role_name ?? "");
    if ((status.permissions ?? []).length === 0) {
      await expect(page).toHaveURL(/\/role-not-permitted$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your role cannot use this service");
    } else {
      await expect(page).toHaveURL(/\/$/);
    }
    await checkA11y(page);
  });
}

test("role picker with two roles is a plain list; the chosen role becomes the session's role", async ({ page }) => {
  await page.goto("/api/auth/login");
  await checkA11y(page);
  await page.locator('button[name="accountId"][value="900000000002"]').click();
  await expect(page.getByRole("heading", { name: "Select your role" })).toBeVisible();
  await expect(page.getByRole("searchbox")).toHaveCount(0);
  await expect(page.locator('button[name="person_roleid"]')).toHaveCount(2);
  await checkA11y(page);
  await page.locator('button[name="person_roleid"][value="900000000201"]').click();
  await expect(page).toHaveURL(/\/$/);
  expect((await sessionStatus(page)).permissions).toEqual(["lr.view", "lr.selfClaim"]);
  await checkA11y(page);
});

test("role picker with seven roles has a search box", async ({ page }) => {
  await page.goto("/api/auth/login");
  await page.locator('button[name="accountId"][value="900000000007"]').click();
  await expect(page.getByRole("heading", { name: "Select your role" })).toBeVisible();
  await expect(page.locator('button[name="person_roleid"]')).toHaveCount(7);
  await checkA11y(page);
  await page.getByRole("searchbox").fill("urgent");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator('button[name="person_roleid"]')).toHaveCount(1);
  await checkA11y(page);
  await page.locator('button[name="person_roleid"][value="900000000706"]').click();
  await expect(page).toHaveURL(/\/$/);
  expect((await sessionStatus(page)).permissions).toEqual(["lr.view", "lr.selfClaim", "lr.emergencyView"]);
  await expect(page.getByTestId("account-role")).toContainText("SYNTHETIC URGENT CARE SERVICE (FAKE)");
});

test("a user with no roles gets a clear page, and cancelling returns to a clear LR Manager page", async ({ page }) => {
  await page.goto("/api/auth/login");
  await page.locator('button[name="accountId"][value="900000000006"]').click();
  await expect(page.getByRole("heading", { name: "You do not have a role" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "Cancel and return to the service" }).click();
  await expect(page).toHaveURL(/\/sign-in-error\?reason=cancelled$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You did not finish signing in");
  await expect(page.getByText(/contact your Registration Authority/)).toBeVisible();
  expect((await sessionStatus(page)).signedIn).toBe(false);
  await checkA11y(page);
});

test("a password-only (AAL1) user is refused with a clear message", async ({ page }) => {
  await page.goto("/api/auth/login");
  await page.locator('button[name="accountId"][value="900000000009"]').click();
  await expect(page.getByRole("heading", { name: "Your sign-in method is not strong enough" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("button", { name: "Cancel and return to the service" }).click();
  await expect(page).toHaveURL(/\/sign-in-error\?reason=cancelled$/);
  await expect(page.getByText(/sign-in method is not strong enough/)).toBeVisible();
  expect((await sessionStatus(page)).signedIn).toBe(false);
  await checkA11y(page);
});

test("Change role re-authenticates at CIS2 and swaps permissions immediately", async ({ page }) => {
  await signInAs(page, "900000000002", "900000000202");
  await expect(page).toHaveURL(/\/role-not-permitted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your role cannot use this service");
  await checkA11y(page);
  const before = await sessionStatus(page);
  expect(before.permissions).toEqual([]);

  await page.getByRole("main").getByRole("link", { name: "Change role" }).click();
  // prompt=login: CIS2 asks who you are again, then shows the roles.
  await chooseUserAndRole(page, "900000000002", "900000000201", { checkPage: checkA11y });
  await expect(page).toHaveURL(/\/$/);
  const after = await sessionStatus(page);
  expect(after.roleProfileId).toBe("900000000201");
  expect(after.permissions).toEqual(["lr.view", "lr.selfClaim"]);
  await expect(page.getByTestId("account-role")).toContainText("SYNTHETIC HOSPITALS NHS TRUST (FAKE)");
  await checkA11y(page);
});

test("Log out from the header ends the session and shows the signed-out page", async ({ page }) => {
  await signInAs(page, "900000000001");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/signed-out\?reason=logout$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have been signed out");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  expect((await sessionStatus(page)).signedIn).toBe(false);
  await checkA11y(page);
});

test("a protected page sends a signed-out visitor to the sign-in page", async ({ page }) => {
  await page.goto("/role-not-permitted");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Frole-not-permitted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to LR Manager");
  await checkA11y(page);
});
