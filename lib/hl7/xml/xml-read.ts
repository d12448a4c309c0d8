import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Hl7CodecError } from "@/lib/hl7/errors";
import type { XmlElement, XmlNode } from "@/lib/hl7/xml/xml-node";

/**
 * Safe XML reading. Order matters: the cheap refusals (size, DTD/entity declarations) run before
 * any parser sees the text, so billion-laughs and XXE payloads are refused without expansion.
 * Only the five predefined entities and numeric character references are decoded.
 */

export interface XmlLimits {
  /** Maximum UTF-8 size of the document. */
  maxBytes: number;
  /** Maximum element nesting depth. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 1024 * 1024, maxDepth: 64 };

export interface ParseOptions {
  limits?: Partial<XmlLimits>;
}

export function resolveLimits(limits?: Partial<XmlLimits>): XmlLimits {
  return { ...DEFAULT_XML_LIMITS, ...limits };
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeReferences(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(";")) throw new Hl7CodecError("not_well_formed", "bare '&' in text");
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const numeric = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(body);
    if (numeric?.[1]) {
      const codePoint = numeric[1].startsWith("x") ? Number.parseInt(numeric[1].slice(1), 16) : Number(numeric[1]);
      const allowed =
        codePoint === 0x9 ||
        codePoint === 0xa ||
        codePoint === 0xd ||
        (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
        (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
        (codePoint >= 0x10000 && codePoint <= 0x10ffff);
      if (allowed) return String.fromCodePoint(codePoint);
    }
    throw new Hl7CodecError("not_well_formed", `unsupported entity reference &${body.slice(0, 12)};`);
  });
}

function splitName(qualified: string): { name: string; prefix?: string } {
  const colon = qualified.indexOf(":");
  return colon >= 0 ? { prefix: qualified.slice(0, colon), name: qualified.slice(colon + 1) } : { name: qualified };
}

type OrderedNode = Record<string, unknown>;

const ATTRS_KEY = ":@";
const TEXT_KEY = "#text";
const CDATA_KEY = "#cdata";

function textOfOrdered(node: OrderedNode): string | undefined {
  if (TEXT_KEY in node) return decodeReferences(String(node[TEXT_KEY] ?? ""));
  if (CDATA_KEY in node) {
    // CDATA comes back as [{ "#text": "…" }]; its content is literal (no reference decoding).
    const inner = node[CDATA_KEY];
    if (Array.isArray(inner)) return inner.map((part) => String((part as OrderedNode)[TEXT_KEY] ?? "")).join("");
    return String(inner ?? "");
  }
  return undefined;
}

function elementKey(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ATTRS_KEY) return key;
  return undefined;
}

function toElement(node: OrderedNode, key: string): { element: XmlElement; kids: unknown[] } {
  const attrsRaw = (node[ATTRS_KEY] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsRaw)) attrs[k] = decodeReferences(String(v));
  const kids = Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
  const { name, prefix } = splitName(key);
  const element: XmlElement = prefix === undefined ? { name, attrs, children: [] } : { name, prefix, attrs, children: [] };
  return { element, kids };
}

/** Whitespace between elements is formatting, not content. */
function tidyChildren(element: XmlElement): void {
  if (element.children.some((c) => typeof c !== "string")) {
    element.children = element.children.filter((c) => typeof c !== "string" || c.trim() !== "");
  }
  // Merge adjacent text runs (text + CDATA) so a value reads as one string.
  const merged: XmlNode[] = [];
  for (const child of element.children) {
    const last = merged[merged.length - 1];
    if (typeof child === "string" && typeof last === "string") merged[merged.length - 1] = last + child;
    else merged.push(child);
  }
  element.children = merged;
}

/**
 * Whether `text` is over `maxBytes` in UTF-8. A UTF-16 unit is one to three UTF-8 bytes (a
 * surrogate pair four for two), so the bytes are counted only when the length cannot decide.
 */
export function overUtf8Bytes(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes);
}

/** UTF-8 byte length without allocating a copy (no Buffer, so this module also runs in a browser). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** One parser per depth limit, built once: its options are fixed and `parse` keeps no state between documents. */
const parsers = new Map<number, XMLParser>();

function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: "",
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      cdataPropName: CDATA_KEY,
      maxNestedTags: maxDepth,
    });
    if (parsers.size < 16) parsers.set(maxDepth, parser);
  }
  return parser;
}

export function parseXml(xml: string, limits?: Partial<XmlLimits>): XmlElement {
  const { maxBytes, maxDepth } = resolveLimits(limits);
  if (typeof xml !== "string") throw new Hl7CodecError("invalid_input", "XML must be a string");
  if (overUtf8Bytes(xml, maxBytes)) {
    throw new Hl7CodecError("too_large", `document over ${maxBytes} bytes`);
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new Hl7CodecError("forbidden_doctype", "DOCTYPE / ENTITY declarations are not accepted");
  }
  let ordered: unknown;
  try {
    const validation = XMLValidator.validate(xml, { allowBooleanAttributes: false });
    if (validation !== true) {
      throw new Hl7CodecError("not_well_formed", validation.err?.msg?.slice(0, 200) ?? "invalid XML");
    }
    ordered = parserFor(maxDepth).parse(xml);
  } catch (error) {
    if (error instanceof Hl7CodecError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/nest/i.test(message)) throw new Hl7CodecError("too_deep", `nesting over ${maxDepth}`);
    throw new Hl7CodecError("not_well_formed", message.slice(0, 200));
  }
  if (!Array.isArray(ordered)) throw new Hl7CodecError("not_well_formed", "no document element");

  let root: XmlElement | undefined;
  // Iterative conversion (explicit stack) so depth can never exhaust the call stack.
  const stack: { element: XmlElement; kids: unknown[]; index: number; depth: number }[] = [];
  for (const top of ordered as OrderedNode[]) {
    const key = elementKey(top);
    if (key === undefined || key === TEXT_KEY || key === CDATA_KEY || key.startsWith("?")) {
      const text = textOfOrdered(top);
      if (text !== undefined && text.trim() !== "") throw new Hl7CodecError("not_well_formed", "text outside the root element");
      continue;
    }
    if (root) throw new Hl7CodecError("not_well_formed", "more than one root element");
    const { element, kids } = toElement(top, key);
    root = element;
    stack.push({ element, kids, index: 0, depth: 1 });
  }
  if (!root) throw new Hl7CodecError("not_well_formed", "no document element");
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.kids.length) {
      tidyChildren(frame.element);
      stack.pop();
      continue;
    }
    const kid = frame.kids[frame.index++] as OrderedNode;
    const text = textOfOrdered(kid);
    if (text !== undefined) {
      frame.element.children.push(text);
      continue;
    }
    const key = elementKey(kid);
    if (key === undefined || key.startsWith("?")) continue;
    if (frame.depth + 1 > maxDepth) throw new Hl7CodecError("too_deep", `nesting over ${maxDepth}`);
    const { element, kids } = toElement(kid, key);
    frame.element.children.push(element);
    stack.push({ element, kids, index: 0, depth: frame.depth + 1 });
  }
  return root;
}
