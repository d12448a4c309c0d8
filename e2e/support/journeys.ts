import { expect, type Page, type TestInfo } from "@playwright/test";
import { formatNhsNumber, syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import faults from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { expectNoAxeViolations } from "./axe";
import { e2eStack } from "./e2e-stack";
import { signInAs } from "./sign-in";

/** Personas (lib/personas/personas.json) the clinician journeys sign in as. */
export const PERSONAS = {
  /** Dr Alex SYNTHGP: complete list, self-claim, create, change status, emergency access. */
  gp: { uid: "900000000001", roleProfileId: "900000000101" },
  /** Ms Robin SYNTHNURSE at ZZH: simple list, self-claim, workgroup SYNTH ED NURSES, no emergency access. */
  nurse: { uid: "900000000002", roleProfileId: "900000000201", workgroup: "SYNTH ED NURSES" },
} as const;

function notableNumber(key: string): string {
  const found = notable.patients.find((p) => p.key === key);
  if (!found) throw new Error(`no notable patient ${key}`);
  return found.nhsNumber;
}

export const PATIENTS = {
  manyLrs: notableNumber("manyLrs"),
  noLrs: notableNumber("noLrs"),
  deceased: notableNumber("deceased"),
  closedOnly: notableNumber("closedOnly"),
  gpActive: notableNumber("gpActive"),
  invalidCheckDigit: notableNumber("invalidCheckDigit"),
  /** Ordinary seeded patients (999 001 xxxx): each journey test that writes uses its own. */
  ordinary: (index: number) => syntheticNhsNumber(1000 + index),
};

export function faultNumber(name: string): string {
  const found = faults.faults.find((f) => f.name === name);
  if (!found) throw new Error(`no fault ${name}`);
  return found.nhsNumber;
}

export async function signInAsPersona(page: Page, persona: keyof typeof PERSONAS, returnTo = "/patients"): Promise<void> {
  await signInAs(page, PERSONAS[persona].uid, persona === "nurse" ? PERSONAS.nurse.roleProfileId : undefined, { returnTo });
}

/**
 * Every page that shows patient data shows the NHS number 3-3-4 (NHS CUI NUM-0001/0002): each
 * `.nhs-number` holds exactly "ddd ddd dddd", and the given patient's number is among them.
 */
export async function expectNhsNumbersFormatted(page: Page, nhsNumber: string): Promise<void> {
  const shown = await page.locator(".nhs-number").allTextContents();
  expect(shown.length, "an NHS number is shown").toBeGreaterThan(0);
  for (const text of shown) expect(text).toMatch(/^\d{3} \d{3} \d{4}$/);
  expect(shown).toContain(formatNhsNumber(nhsNumber));
  // Never the bare ten digits anywhere in the visible text.
  await expect(page.locator("main")).not.toContainText(new RegExp(`(^|[^0-9])${nhsNumber}([^0-9]|$)`));
}

/** axe on the page as it is now, plus full-page screenshots at 320 and 1280 px into the test output. */
export async function checkAndCapture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `no horizontal scroll at ${width}px on ${name}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** The simulator's message log (control API, loopback only): distinct Spine messages of a kind sent for a patient. */
export async function spineMessagesFor(interactionId: string, nhsNumber: string): Promise<number> {
  const response = await fetch(`${e2eStack.simulatorUrl}/_control/messages?interactionId=${interactionId}&direction=inbound&limit=1000`);
  const body = (await response.json()) as { messages: { body: string; message_id: string | null }[] };
  return new Set(body.messages.filter((m) => m.body.includes(nhsNumber)).map((m) => m.message_id)).size;
}

/** The simulator's own record of a patient's LRs (ground truth for "one LR was created"). */
export async function simulatorLrs(
  nhsNumber: string,
): Promise<{ lr_id: string; status: string; lr_type_code: string; subject_kind: string }[]> {
  const response = await fetch(`${e2eStack.simulatorUrl}/_control/lrs?nhsNumber=${nhsNumber}`);
  return ((await response.json()) as { lrs: { lr_id: string; status: string; lr_type_code: string; subject_kind: string }[] }).lrs;
}
