import { Hl7CodecError } from "@/lib/hl7/errors";
import { isElement, type XmlElement } from "@/lib/hl7/xml/xml-node";

/**
 * Namespace-agnostic navigation: names are matched on local name only, which is what makes the
 * parsers tolerant of `hl7:`-prefixed and default-namespace documents alike.
 */

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter(isElement);
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => isElement(c) && c.name === name);
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  for (const c of element.children) if (isElement(c) && c.name === name) return c;
  return undefined;
}

/** All elements reached by a slash-separated path of local names (every branch is followed). */
export function findAll(element: XmlElement, path: string): XmlElement[] {
  let current: XmlElement[] = [element];
  for (const step of path.split("/")) {
    if (step === "") continue;
    const next: XmlElement[] = [];
    for (const e of current) for (const c of e.children) if (isElement(c) && (step === "*" || c.name === step)) next.push(c);
    current = next;
  }
  return current;
}

export function find(element: XmlElement, path: string): XmlElement | undefined {
  return findAll(element, path)[0];
}

/** Attribute by local name ("type" matches "eb:type"). */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  if (!element) return undefined;
  const exact = element.attrs[name];
  if (exact !== undefined) return exact;
  for (const [key, value] of Object.entries(element.attrs)) {
    const colon = key.indexOf(":");
    if (colon >= 0 && key.slice(colon + 1) === name && !key.startsWith("xmlns")) return value;
  }
  return undefined;
}

export function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  let text = "";
  for (const c of element.children) if (typeof c === "string") text += c;
  return text;
}

export function required(element: XmlElement, path: string): XmlElement {
  const found = find(element, path);
  if (!found) throw new Hl7CodecError("missing_element", `${element.name}/${path}`);
  return found;
}

export function requiredAttr(element: XmlElement, name: string, where?: string): string {
  const value = attr(element, name);
  if (value === undefined) throw new Hl7CodecError("missing_element", `${where ?? element.name}/@${name}`);
  return value;
}

/** First element (depth-first, document order) whose local name satisfies the predicate. */
export function findDescendant(element: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement | undefined {
  const stack: XmlElement[] = [element];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (predicate(current)) return current;
    const kids = childElements(current);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return undefined;
}
