/**
 * A minimal, namespace-prefix-aware XML tree. Parsers navigate by local name so that
 * `hl7:`-prefixed and default-namespace documents read the same; builders set `prefix` when the
 * wire form needs one (SOAP, ebXML).
 */
export interface XmlElement {
  /** Local name (no prefix). */
  name: string;
  prefix?: string;
  /** Attribute names exactly as written (may include a prefix, e.g. "eb:version", "xmlns:hl7"). */
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export type ElChild = XmlNode | undefined | null | false | readonly ElChild[];

/** Build an element; `undefined` attributes and falsy children are dropped so optional parts read naturally. */
export function el(qualifiedName: string, attrs: Record<string, string | undefined> = {}, ...children: ElChild[]): XmlElement {
  const colon = qualifiedName.indexOf(":");
  const prefix = colon >= 0 ? qualifiedName.slice(0, colon) : undefined;
  const name = colon >= 0 ? qualifiedName.slice(colon + 1) : qualifiedName;
  const cleanAttrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) cleanAttrs[key] = value;
  const flat: XmlNode[] = [];
  const push = (child: ElChild): void => {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) {
      for (const c of child as readonly ElChild[]) push(c);
      return;
    }
    flat.push(child as XmlNode);
  };
  for (const child of children) push(child);
  return prefix === undefined ? { name, attrs: cleanAttrs, children: flat } : { name, prefix, attrs: cleanAttrs, children: flat };
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== "string";
}

export function qualifiedName(element: XmlElement): string {
  return element.prefix ? `${element.prefix}:${element.name}` : element.name;
}
