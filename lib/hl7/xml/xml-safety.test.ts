import { describe, expect, it } from "vitest";
import { Hl7CodecError, type Hl7CodecErrorCode } from "@/lib/hl7/errors";
import { parseReply } from "@/lib/hl7/replies";
import { parseRequest } from "@/lib/hl7/requests";
import { parseReplyDocument, parseRequestDocument } from "@/lib/hl7/transport/documents";
import { el } from "@/lib/hl7/xml/xml-node";
import { overUtf8Bytes, parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** Safe-XML refusals: each hostile input must end in the codec's typed error with the right code. */
function refusal(fn: () => unknown): Hl7CodecErrorCode | "no-error" | "other-error" {
  const started = performance.now();
  try {
    fn();
    return "no-error";
  } catch (error) {
    if (!(error instanceof Hl7CodecError)) return "other-error";
    // Timings are printed, not asserted (machine speed varies).
    console.info(`refused ${error.code} in ${(performance.now() - started).toFixed(1)} ms`);
    return error.code;
  }
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<QUPC_IN030000UK14 xmlns="urn:hl7-org:v3"><id root="&lol9;"/></QUPC_IN030000UK14>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<REPC_IN010000UK15 xmlns="urn:hl7-org:v3"><id root="&xxe;"/></REPC_IN010000UK15>`;

describe("safe XML reading", () => {
  it("refuses billion laughs before any expansion", () => {
    expect(refusal(() => parseXml(BILLION_LAUGHS))).toBe("forbidden_doctype");
    expect(refusal(() => parseReply(BILLION_LAUGHS))).toBe("forbidden_doctype");
  });

  it("refuses an external entity (XXE)", () => {
    expect(refusal(() => parseRequest(EXTERNAL_ENTITY))).toBe("forbidden_doctype");
    expect(refusal(() => parseRequestDocument(EXTERNAL_ENTITY, "text/xml"))).toBe("forbidden_doctype");
  });

  it("refuses a DOCTYPE hidden in lower case and an ENTITY without DOCTYPE", () => {
    expect(refusal(() => parseXml("<!doctype a><a/>"))).toBe("forbidden_doctype");
    expect(refusal(() => parseXml('<a><!ENTITY x "y"></a>'))).toBe("forbidden_doctype");
  });

  it("refuses a 10 MB body by size, and the cap is a parameter", () => {
    const big = `<a>${"x".repeat(10 * 1024 * 1024)}</a>`;
    expect(refusal(() => parseXml(big))).toBe("too_large");
    expect(refusal(() => parseReplyDocument(big, "text/xml"))).toBe("too_large");
    const medium = `<a>${"x".repeat(2 * 1024 * 1024)}</a>`;
    expect(refusal(() => parseXml(medium))).toBe("too_large");
    expect(parseXml(medium, { maxBytes: 3 * 1024 * 1024 }).name).toBe("a");
  });

  it("counts bytes, not characters (multi-byte text)", () => {
    const text = `<a>${"é".repeat(600 * 1024)}</a>`; // ~1.2 MB in UTF-8, 0.6 M chars
    expect(refusal(() => parseXml(text))).toBe("too_large");
  });

  it("the byte count is exact at the edge, whether or not the length alone decides", () => {
    const bytes = (text: string) => Buffer.byteLength(text);
    for (const text of ["x".repeat(1000), "é".repeat(500), "€".repeat(400), "😀".repeat(300), `${"x".repeat(10)}€😀é`]) {
      for (const max of [bytes(text) - 1, bytes(text), bytes(text) + 1, text.length * 3, text.length * 3 - 1]) {
        expect(overUtf8Bytes(text, max), `${text.slice(0, 4)}… under ${max}`).toBe(bytes(text) > max);
      }
    }
  });

  it("refuses 10,000-deep nesting, and the depth cap is a parameter", () => {
    const deep = `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`;
    expect(refusal(() => parseXml(deep))).toBe("too_deep");
    expect(refusal(() => parseRequest(deep))).toBe("too_deep");
    const moderate = `${"<a>".repeat(80)}${"</a>".repeat(80)}`;
    expect(refusal(() => parseXml(moderate))).toBe("too_deep");
    expect(parseXml(moderate, { maxDepth: 100 }).name).toBe("a");
  });

  it("decodes only the five predefined entities and character references", () => {
    const root = parseXml('<a t="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;">&lt;b&gt; &amp; &#233;</a>');
    expect(root.attrs.t).toBe(`<>&"'AB`);
    expect(root.children).toEqual(["<b> & é"]);
    expect(refusal(() => parseXml("<a>&nbsp;</a>"))).toBe("not_well_formed");
    expect(refusal(() => parseXml("<a>&#0;</a>"))).toBe("not_well_formed");
  });

  it("keeps CDATA literal", () => {
    expect(parseXml("<a><![CDATA[&amp; <x>]]></a>").children).toEqual(["&amp; <x>"]);
  });

  it("refuses malformed XML with the typed error", () => {
    for (const bad of ["", "<a>", "<a></b>", "<a/><b/>", "just text", "<a b=1/>", "<a>x & y</a>"]) {
      expect(refusal(() => parseXml(bad))).toBe("not_well_formed");
    }
  });

  it("memory stays bounded while refusing hostile inputs repeatedly", () => {
    const before = process.memoryUsage().heapUsed;
    const deep = `${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}`;
    for (let i = 0; i < 20; i++) {
      refusal(() => parseXml(deep));
      refusal(() => parseXml(BILLION_LAUGHS));
    }
    const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    console.info(`heap growth after 40 refusals: ${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThan(200);
  });
});

describe("escaping writer", () => {
  it("escapes markup in text and attributes so user text cannot inject elements", () => {
    const hostile = `</text><injected a="1"/>&amp;"'`;
    const xml = serializeXml(el("root", { note: hostile }, el("text", {}, hostile)));
    expect(xml).not.toContain("<injected");
    const back = parseXml(xml);
    expect(back.attrs.note).toBe(hostile);
    expect((back.children[0] as { children: unknown[] }).children).toEqual([hostile]);
  });

  it("preserves tabs, newlines and carriage returns exactly", () => {
    const value = "a\tb\nc\r\nd";
    const back = parseXml(serializeXml(el("r", { v: value }, value)));
    expect(back.attrs.v).toBe(value);
    expect(back.children).toEqual([value]);
  });

  it("refuses characters XML 1.0 cannot carry, with the typed error", () => {
    expect(refusal(() => serializeXml(el("r", {}, "bell\u0007")))).toBe("invalid_input");
    expect(refusal(() => serializeXml(el("r", { a: "\uD800" })))).toBe("invalid_input");
  });

  it("refuses invalid element names", () => {
    expect(refusal(() => serializeXml(el("bad name")))).toBe("invalid_input");
  });
});
