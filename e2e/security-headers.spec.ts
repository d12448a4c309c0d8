import { expect, test } from "@playwright/test";

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
  const nonceOf = (value: string) => /'nonce-([^']+)'/.exec(value)?.[1];
  expect(nonceOf(csp)).not.toBe(nonceOf(second.headers()["content-security-policy"]!));
  // Every script tag Next renders carries this response's nonce.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(csp)}"`);
});

test("/api/health carries the security headers and reports its dependencies", async ({ request }) => {
  const response = await request.get("/api/health");
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
