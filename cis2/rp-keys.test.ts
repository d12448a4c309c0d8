import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { escapeHtml, html } from "./html";
import { loadRpKeys, publicJwkOf } from "./rp-keys";

describe("loadRpKeys", () => {
  it("falls back to the committed dev-only RS512 key and derives a public key that verifies", async () => {
    const keys = loadRpKeys({});
    expect(keys.source).toBe("dev-file");
    expect(keys.alg).toBe("RS512");
    expect(keys.kid).toMatch(/^lr-manager-dev-/);
    for (const member of ["d", "p", "q", "dp", "dq", "qi", "$comment"]) expect(keys.publicJwk).not.toHaveProperty(member);
    expect(keys.privateJwk).toHaveProperty("d");

    const signed = await new CompactSign(new TextEncoder().encode("assertion"))
      .setProtectedHeader({ alg: keys.alg, kid: keys.kid })
      .sign(await importJWK(keys.privateJwk, keys.alg));
    const { payload } = await compactVerify(signed, await importJWK(keys.publicJwk, keys.alg));
    expect(new TextDecoder().decode(payload)).toBe("assertion");
  });

  it("prefers CIS2_CLIENT_PRIVATE_JWK and derives a kid when the JWK has none", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: "RS256" };
    const keys = loadRpKeys({ CIS2_CLIENT_PRIVATE_JWK: JSON.stringify(jwk) });
    expect(keys.source).toBe("env");
    expect(keys.alg).toBe("RS256");
    expect(keys.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.publicJwk.n).toBe(jwk.n);
  });

  it("rejects a public-only or non-RSA key", async () => {
    const dev = loadRpKeys({});
    expect(() => loadRpKeys({ CIS2_CLIENT_PRIVATE_JWK: JSON.stringify(publicJwkOf(dev.privateJwk)) })).toThrow(/"d"/);
    expect(() => loadRpKeys({ CIS2_CLIENT_PRIVATE_JWK: JSON.stringify({ kty: "EC" }) })).toThrow(/RSA/);
  });
});

describe("html", () => {
  it("escapes interpolated text but not nested html fragments", () => {
    const name = `<img src=x onerror="alert(1)">`;
    expect(html`<p>${name}</p>`.value).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>");
    expect(html`<ul>${[html`<li>${"a&b"}</li>`]}</ul>`.value).toBe("<ul><li>a&amp;b</li></ul>");
    expect(escapeHtml(`'`)).toBe("&#39;");
  });
});
