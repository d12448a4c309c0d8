import { isElement, type XmlElement } from "@/lib/hl7/xml/xml-node";

/**
 * Structural comparison for golden tests: local names, namespace URIs are ignored (prefix choice
 * differs legitimately between writers), xmlns declarations are ignored, attributes compared by
 * local name, child order and text compared exactly. Returns the first difference, or undefined.
 */
function localAttrs(element: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attrs)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) continue;
    const colon = key.indexOf(":");
    out[colon >= 0 ? key.slice(colon + 1) : key] = value;
  }
  return out;
}

export function xmlStructurallyEqual(a: XmlElement, b: XmlElement, path = ""): string | undefined {
  const here = `${path}/${a.name}`;
  if (a.name !== b.name) return `${path}: element ${a.name} ≠ ${b.name}`;
  const aa = localAttrs(a);
  const ba = localAttrs(b);
  const keys = new Set([...Object.keys(aa), ...Object.keys(ba)]);
  for (const key of [...keys].sort()) {
    if (aa[key] !== ba[key]) return `${here}/@${key}: ${JSON.stringify(aa[key])} ≠ ${JSON.stringify(ba[key])}`;
  }
  if (a.children.length !== b.children.length) {
    const names = (e: XmlElement) => e.children.map((c) => (isElement(c) ? c.name : JSON.stringify(c))).join(",");
    return `${here}: children [${names(a)}] ≠ [${names(b)}]`;
  }
  for (let i = 0; i < a.children.length; i++) {
    const ca = a.children[i]!;
    const cb = b.children[i]!;
    if (isElement(ca) && isElement(cb)) {
      const diff = xmlStructurallyEqual(ca, cb, here);
      if (diff) return diff;
    } else if (ca !== cb) {
      return `${here}: child ${i} ${JSON.stringify(ca)} ≠ ${JSON.stringify(cb)}`;
    }
  }
  return undefined;
}
