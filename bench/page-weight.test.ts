import { describe, expect, it } from "vitest";
import { PAGES, scriptSources } from "./page-weight";

describe("scriptSources (P4's first-load JS: what a page's HTML makes the browser fetch)", () => {
  it("takes every script src once, decodes &amp;, and leaves out the nomodule fallback and inline scripts", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script nonce="n" src="/_next/static/chunks/b.js?x=1&amp;y=2"></script>',
      '<script src="/_next/static/chunks/polyfill.js" noModule=""></script>',
      '<script nonce="n">self.__next_f.push([1,"…"])</script>',
      '<SCRIPT SRC="/_next/static/chunks/a.js"></SCRIPT>',
    ].join("");
    expect(scriptSources(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js?x=1&y=2"]);
  });

  it("covers each user area's main page", () => {
    expect(new Set(PAGES.map((page) => page.who))).toEqual(new Set(["signed out", "GP", "privacy officer", "RA manager", "trainer"]));
  });
});
