import { Hl7CodecError } from "@/lib/hl7/errors";
import { isElement, qualifiedName, type XmlElement } from "@/lib/hl7/xml/xml-node";

/**
 * Serialise a tree. Every text and attribute value is escaped here, so no caller ever concatenates
 * user text into markup. Tabs/newlines/CRs are written as character references where a parser would
 * otherwise normalise them, so build → parse round-trips exactly.
 */

// XML 1.0 Char production: anything else cannot be represented at all.
const INVALID_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertWritable(value: string): void {
  if (INVALID_XML_CHAR.test(value)) throw new Hl7CodecError("invalid_input", "text contains a character XML 1.0 cannot carry");
}

export function escapeText(value: string): string {
  assertWritable(value);
  return value.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#13;"));
}

export function escapeAttribute(value: string): string {
  assertWritable(value);
  return value.replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      case "\t":
        return "&#9;";
      case "\n":
        return "&#10;";
      default:
        return "&#13;";
    }
  });
}

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;

function assertName(name: string): void {
  if (!NAME.test(name)) throw new Hl7CodecError("invalid_input", `not an XML name: ${name.slice(0, 40)}`);
}

// Iterative so that a deep tree cannot blow the call stack.
export function serializeXml(root: XmlElement, opts: { declaration?: boolean } = {}): string {
  const out: string[] = opts.declaration ? ['<?xml version="1.0" encoding="UTF-8"?>'] : [];
  type Frame = { element: XmlElement; index: number };
  const open = (element: XmlElement): Frame | undefined => {
    const tag = qualifiedName(element);
    assertName(tag);
    let start = `<${tag}`;
    for (const [key, value] of Object.entries(element.attrs)) {
      assertName(key);
      start += ` ${key}="${escapeAttribute(value)}"`;
    }
    if (element.children.length === 0) {
      out.push(`${start}/>`);
      return undefined;
    }
    out.push(`${start}>`);
    return { element, index: 0 };
  };
  const stack: Frame[] = [];
  const first = open(root);
  if (first) stack.push(first);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.element.children[frame.index];
    if (child === undefined) {
      out.push(`</${qualifiedName(frame.element)}>`);
      stack.pop();
      continue;
    }
    frame.index++;
    if (isElement(child)) {
      const next = open(child);
      if (next) stack.push(next);
    } else {
      out.push(escapeText(child));
    }
  }
  return out.join("");
}
