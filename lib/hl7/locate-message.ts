import { Hl7CodecError } from "@/lib/hl7/errors";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { findDescendant } from "@/lib/hl7/xml/xml-query";

/**
 * Find the HL7 message element in a document: the root itself, or — inside a SOAP envelope, with or
 * without an extra wrapper element in the Body — the first element whose local name is an interaction id.
 */
export function locateMessage(root: XmlElement, accept: (name: string) => boolean = (n) => Object.hasOwn(INTERACTIONS, n)): XmlElement {
  const found = findDescendant(root, (e) => accept(e.name));
  if (!found) throw new Hl7CodecError("unknown_interaction", `no recognised interaction element under ${root.name.slice(0, 40)}`);
  return found;
}
