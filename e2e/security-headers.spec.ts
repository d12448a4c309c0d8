import { expect, type Page, test } from "@playwright/test";
import { PATIENTS, signInAsPersona } from "./support/journeys";

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["x-request-id"]).toBeTruthy();
}

test("an HTML page carries the security headers and a nonce-based CSP", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
  // Styles: our own files and nonced style elements only; no inline style attributes at all.
  const directive = (name: string) =>
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `));
  expect(directive("style-src")).toMatch(/^style-src 'self' 'nonce-[A-Za-z0-9+/=]+'$/);
  expect(directive("style-src-attr")).toBe("style-src-attr 'none'");
  expect(csp).not.toContain("unsafe-inline");
  const nonceOf = (value: string) => /'nonce-([^']+)'/.exec(value)?.[1];
  expect(nonceOf(csp)).not.toBe(nonceOf(second.headers()["content-security-policy"]!));
  // Every script tag Next renders carries this response's nonce.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(csp)}"`);
  // The same nonce is on any style element, and no element carries a style attribute.
  for (const tag of [...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0])) expect(tag).toContain(`nonce="${nonceOf(csp)}"`);
  expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/i);
});

/** Records CSP violations (DOM events and Chromium's console reports) from the page's first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) seen.push(`${page.url()}: ${text}`);
  });
  return seen;
}

/** The NHS design system's stylesheet applied: the header is NHS blue (#005eb8). */
async function expectNhsStyles(page: Page): Promise<void> {
  await expect(page.locator(".nhsuk-header").first()).toHaveCSS("background-color", "rgb(0, 94, 184)");
}

test("pages render styled with no CSP violation, signed out and signed in", async ({ page }) => {
  const violations = await watchCsp(page);
  for (const path of ["/", "/help", "/privacy", "/accessibility", "/sign-in", "/signed-out", "/sign-in-error", "/no-such-page"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expectNhsStyles(page);
  }
  await signInAsPersona(page, "gp", `/patients/${PATIENTS.manyLrs}`);
  await expect(page.getByTestId("lr-row").first()).toBeVisible();
  await expectNhsStyles(page);
  for (const path of ["/patients", `/patients/${PATIENTS.manyLrs}/self-claim`, `/patients/${PATIENTS.manyLrs}/emergency-access`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expectNhsStyles(page);
  }
  expect(violations).toEqual([]);
});

test("/api/health carries the security headers and reports its dependencies", async ({ request }) => {
  // The request id is always the server's own, whatever the client sends (the API is outside proxy.ts).
  const response = await request.get("/api/health", { headers: { "x-request-id": "chosen-by-the-client" } });
  expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expectCommonHeaders(headers);
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  expect(headers["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.components.store.status).toBe("up");
  expect(body.components.spine.status).toBe("up");
  expect(body.components.cis2.status).toBe("up");
});

test("the API's JSON answers are sent as they are (no-transform: no gzip for a few hundred bytes); pages are still compressed", async ({
  request,
}) => {
  const answer = await request.get("/api/health/live", { headers: { "accept-encoding": "gzip" } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toBe("no-store, no-transform");
  expect(answer.headers()["content-encoding"]).toBeUndefined();
  const refusal = await request.get("/api/alerts", { headers: { "accept-encoding": "gzip" } });
  expect(refusal.status()).toBe(401);
  expect(refusal.headers()["cache-control"]).toBe("no-store, no-transform");
  expect(refusal.headers()["content-encoding"]).toBeUndefined();
  const page = await request.get("/sign-in", { headers: { "accept-encoding": "gzip" } });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"]).toBe("gzip");
});
