import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy } from "./security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)]));

describe("page CSP", () => {
  it("allows no inline style or script without this response's nonce, and no style attribute", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123" }));
    expect(csp["style-src"]).toBe("'self' 'nonce-abc123'");
    expect(csp["style-src-attr"]).toBe("'none'");
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(Object.values(csp).join(" ")).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("relaxes only for `next dev` (its error overlay)", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123", development: true }));
    expect(csp["style-src"]).toBe("'self' 'unsafe-inline'");
    expect(csp["script-src"]).toContain("'unsafe-eval'");
  });
});
