import { isElement, qualifiedName, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { escapeAttribute, escapeText } from "@/lib/hl7/xml/xml-write";

/**
 * Indented XML for reading (the trainer's message viewer), not for sending: text-only elements stay
 * on one line, whitespace between elements is dropped, and each element in `fold` is written with
 * its attributes and a comment in place of its content (the viewer shows that content in another
 * layer). Values are escaped, so a message can never inject markup into the page's <pre>.
 */

function openTag(element: XmlElement): string {
  const attrs = Object.entries(element.attrs).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`);
  return `<${qualifiedName(element)}${attrs.join("")}`;
}

export function prettyXml(root: XmlElement, fold: ReadonlyMap<XmlElement, string> = new Map(), indent = "  "): string {
  const lines: string[] = [];
  // Iterative, like the codec's writer, so a deep tree cannot exhaust the stack.
  const stack: { node: XmlElement; depth: number; close?: boolean }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth, close } = stack.pop()!;
    const pad = indent.repeat(depth);
    if (close) {
      lines.push(`${pad}</${qualifiedName(node)}>`);
      continue;
    }
    const folded = fold.get(node);
    if (folded !== undefined) {
      lines.push(`${pad}${openTag(node)}>`, `${pad}${indent}<!-- ${escapeText(folded)} -->`, `${pad}</${qualifiedName(node)}>`);
      continue;
    }
    const elements = node.children.filter(isElement);
    const text = node.children
      .filter((c): c is string => typeof c === "string")
      .join("")
      .trim();
    if (elements.length === 0) {
      lines.push(text === "" ? `${pad}${openTag(node)}/>` : `${pad}${openTag(node)}>${escapeText(text)}</${qualifiedName(node)}>`);
      continue;
    }
    lines.push(`${pad}${openTag(node)}>`);
    if (text !== "") lines.push(`${pad}${indent}${escapeText(text)}`);
    stack.push({ node, depth, close: true });
    for (let i = elements.length - 1; i >= 0; i--) stack.push({ node: elements[i]!, depth: depth + 1 });
  }
  return lines.join("\n");
}
