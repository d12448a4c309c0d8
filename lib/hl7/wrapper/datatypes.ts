import { Hl7CodecError } from "@/lib/hl7/errors";
import type { Coded, Identifier } from "@/lib/hl7/types";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, required, requiredAttr } from "@/lib/hl7/xml/xml-query";

/** Writers/readers for the HL7 datatypes used here (II, CV/CD, TS, BL, IVL_TS). */

export function idEl(root: string, extension?: string, name = "id"): XmlElement {
  return el(name, { root, extension });
}

export function readId(element: XmlElement, name = "id"): Identifier {
  const id = required(element, name);
  const root = requiredAttr(id, "root", `${element.name}/${name}`);
  const extension = attr(id, "extension");
  return extension === undefined ? { root } : { root, extension };
}

/** The extension of a child id (whatever its root). */
export function readIdExtension(element: XmlElement, name = "id"): string {
  const id = required(element, name);
  return requiredAttr(id, "extension", `${element.name}/${name}`);
}

export function codeEl(name: string, coded: Coded): XmlElement {
  return el(name, { code: coded.code, codeSystem: coded.codeSystem, displayName: coded.displayName });
}

export function readCoded(element: XmlElement): Coded {
  const code = requiredAttr(element, "code");
  const coded: Coded = { code };
  const codeSystem = attr(element, "codeSystem");
  const displayName = attr(element, "displayName");
  if (codeSystem !== undefined) coded.codeSystem = codeSystem;
  if (displayName !== undefined) coded.displayName = displayName;
  return coded;
}

export function readChildCoded(element: XmlElement, name: string): Coded {
  return readCoded(required(element, name));
}

export function optionalChildCoded(element: XmlElement, name: string): Coded | undefined {
  const c = child(element, name);
  return c ? readCoded(c) : undefined;
}

export function tsEl(name: string, value: string): XmlElement {
  return el(name, { value });
}

export function readTs(element: XmlElement, name: string): string {
  return requiredAttr(required(element, name), "value", `${element.name}/${name}`);
}

export function optionalTs(element: XmlElement, name: string): string | undefined {
  const c = child(element, name);
  return c ? requiredAttr(c, "value", `${element.name}/${name}`) : undefined;
}

export function blEl(name: string, value: boolean): XmlElement {
  return el(name, { value: value ? "true" : "false" });
}

export function readBl(element: XmlElement, name = "value"): boolean {
  const raw = requiredAttr(required(element, name), "value", `${element.name}/${name}`);
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new Hl7CodecError("invalid_value", `${element.name}/${name}: not a boolean`);
}

/**
 * An element the schema requires but whose value the payload does not have: written with
 * nullFlavor "NI" (no information), and read back as absent.
 */
export const NULL_FLAVOR = "NI";

export function nullEl(name: string): XmlElement {
  return el(name, { nullFlavor: NULL_FLAVOR });
}

/** The element, unless it is missing or carries a nullFlavor. */
export function nonNull(element: XmlElement | undefined): XmlElement | undefined {
  return element && attr(element, "nullFlavor") === undefined ? element : undefined;
}

/** Simple text content element (ST). */
export function stEl(name: string, value: string): XmlElement {
  return el(name, {}, value);
}
