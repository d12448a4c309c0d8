import { Hl7CodecError } from "@/lib/hl7/errors";
import { guardParse } from "@/lib/hl7/guard";
import { batchConfirmationListCodec } from "@/lib/hl7/messages/batch-confirmation-list";
import { parseReply, replyFromElement } from "@/lib/hl7/replies";
import type { BatchConfirmResult, Hl7Reply } from "@/lib/hl7/types";
import { overUtf8Bytes, type ParseOptions, parseXml, resolveLimits } from "@/lib/hl7/xml/xml-read";

/**
 * Reading a QUPC_IN250000UK02 confirmation list of up to 10,000 patients (≈ 2.8 MB) without
 * holding the event loop: the wrapper and ControlActEvent are read from a skeleton (the list
 * emptied), and the list's components in slices of a few hundred, each slice read by the same
 * safe parser and the same codec as a whole document, with a pause between slices.
 *
 * Why a slice can never change the meaning: slices are cut after a `</component>` end tag, and
 * every slice and the skeleton must each be well-formed on their own. A cut inside a comment,
 * a CDATA section or a nested element leaves an unterminated construct in its slice, which the
 * parser refuses; then the whole document is read in one piece instead (`parseReply`), so an
 * unusual but valid reply is still read exactly, only without the pauses.
 */
export type BatchConfirmationReply = Extract<Hl7Reply, { interactionId: "QUPC_IN250000UK02" }>;

export interface ChunkedReadOptions extends ParseOptions {
  /** Components per slice (default 500: a few milliseconds of parsing each). */
  componentsPerSlice?: number;
  /** Awaited between slices, e.g. `() => new Promise((r) => setImmediate(r))`, so other work runs. */
  pause?: () => Promise<void>;
}

export interface ChunkedReadResult {
  reply: Hl7Reply;
  /** "sliced": read in slices; "whole": read in one piece (not a list, or a form slices cannot be cut from). */
  mode: "sliced" | "whole";
  slices: number;
  /** Slices that were not in the codec's own form and so went through the XML parser. */
  parsedSlices: number;
}

const LIST_START = /<([A-Za-z_][\w.-]*:)?ConfirmationList(?=[\s/>])/;

/** Index just after the `>` that ends the start tag beginning at `from` (quote-aware), or -1; `selfClosing` for `/>`. */
function startTagEnd(xml: string, from: number): { end: number; selfClosing: boolean } {
  let quote: string | undefined;
  for (let i = from + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "<") return { end: -1, selfClosing: false };
    else if (c === ">") return { end: i + 1, selfClosing: xml[i - 1] === "/" };
  }
  return { end: -1, selfClosing: false };
}

/** Where a slice may end: just after each `</component>` (any prefix) in `inner`. */
function sliceEnds(inner: string, perSlice: number): number[] {
  const ends: number[] = [];
  const closing = /<\/(?:[A-Za-z_][\w.-]*:)?component\s*>/g;
  let count = 0;
  for (let match = closing.exec(inner); match; match = closing.exec(inner)) {
    count++;
    if (count % perSlice === 0) ends.push(match.index + match[0].length);
  }
  if (ends[ends.length - 1] !== inner.length) ends.push(inner.length);
  return ends;
}

/*
 * The fast path for a slice: components exactly in the form the codec writes them (any
 * whitespace between tags; double-quoted attributes in the codec's order; no entity references,
 * comments or CDATA). A slice that is anything else, even slightly, goes to the parser instead,
 * so this can only ever agree with it.
 */
const S = "[ \\t\\r\\n]*";
const SP = "[ \\t\\r\\n]+";
const ATTR = '[^"&<]*';
const RECORD_TARGET =
  `<recordTarget${SP}typeCode="RCT"${S}>${S}<patient${SP}classCode="PAT"${S}>${S}` +
  `<id${SP}root="2\\.16\\.840\\.1\\.113883\\.2\\.1\\.4\\.1"${SP}extension="(${ATTR})"${S}/>${S}</patient${S}>${S}</recordTarget${S}>`;
const STATUS = `<responseOptionsLRStatus${SP}classCode="OBS"${SP}moodCode="EVN"${S}>${S}<value${SP}value="(true|false)"${S}/>${S}${RECORD_TARGET}${S}</responseOptionsLRStatus${S}>`;
const ISSUE =
  `<responseOptionsDetectedIssueEvent${SP}classCode="ALRT"${SP}moodCode="EVN"${S}>${S}` +
  `<code${SP}code="(${ATTR})"(?:${SP}codeSystem="(${ATTR})")?(?:${SP}displayName="(${ATTR})")?${S}/>${S}${RECORD_TARGET}${S}</responseOptionsDetectedIssueEvent${S}>`;
const COMPONENT = new RegExp(`${S}<component${SP}typeCode="COMP"${S}>${S}(?:${STATUS}|${ISSUE})${S}</component${S}>${S}`, "y");

/** The slice's results when every byte of it is canonical components, else undefined. */
function readCanonicalSlice(slice: string): BatchConfirmResult[] | undefined {
  const results: BatchConfirmResult[] = [];
  COMPONENT.lastIndex = 0;
  let at = 0;
  while (at < slice.length) {
    const match = COMPONENT.exec(slice);
    if (!match || match[0].length === 0) return /^[ \t\r\n]*$/.test(slice.slice(at)) ? results : undefined;
    at = COMPONENT.lastIndex;
    const [, hasLr, statusNhs, code, codeSystem, displayName, issueNhs] = match;
    if (hasLr !== undefined) results.push({ kind: "status", nhsNumber: statusNhs ?? "", hasLr: hasLr === "true" });
    else {
      const issue: { code: string; codeSystem?: string; displayName?: string } = { code: code ?? "" };
      if (codeSystem !== undefined) issue.codeSystem = codeSystem;
      if (displayName !== undefined) issue.displayName = displayName;
      results.push({ kind: "issue", nhsNumber: issueNhs ?? "", issue });
    }
  }
  return results;
}

function whole(xml: string, options: ParseOptions): ChunkedReadResult {
  return { reply: parseReply(xml, options), mode: "whole", slices: 1, parsedSlices: 1 };
}

export async function readBatchConfirmationInSlices(xml: string, options: ChunkedReadOptions = {}): Promise<ChunkedReadResult> {
  const limits = resolveLimits(options.limits);
  if (typeof xml !== "string") throw new Hl7CodecError("invalid_input", "XML must be a string");
  if (overUtf8Bytes(xml, limits.maxBytes)) {
    throw new Hl7CodecError("too_large", `document over ${limits.maxBytes} bytes`);
  }
  const start = LIST_START.exec(xml);
  if (!start) return whole(xml, options);
  const prefix = start[1] ?? "";
  const tag = startTagEnd(xml, start.index);
  const closeAt = xml.lastIndexOf(`</${prefix}ConfirmationList`);
  if (tag.end < 0 || tag.selfClosing || closeAt < tag.end) return whole(xml, options);

  // The skeleton: everything but the list's content. It must read as a confirmation list reply.
  let skeleton: Hl7Reply;
  try {
    skeleton = guardParse(() => replyFromElement(parseXml(xml.slice(0, tag.end) + xml.slice(closeAt), limits)));
  } catch {
    return whole(xml, options);
  }
  if (skeleton.interactionId !== "QUPC_IN250000UK02") return whole(xml, options);

  const inner = xml.slice(tag.end, closeAt);
  const ends = sliceEnds(inner, Math.max(1, options.componentsPerSlice ?? 500));
  const open = `<${prefix}ConfirmationList>`;
  const close = `</${prefix}ConfirmationList>`;
  const results: BatchConfirmResult[] = [];
  let from = 0;
  let parsedSlices = 0;
  for (const end of ends) {
    if (options.pause) await options.pause();
    const text = inner.slice(from, end);
    let slice = readCanonicalSlice(text);
    if (!slice) {
      parsedSlices++;
      try {
        slice = guardParse(() => batchConfirmationListCodec.read(parseXml(open + text + close, limits)).results);
      } catch {
        return whole(xml, options);
      }
    }
    for (const result of slice) results.push(result);
    from = end;
  }
  return { reply: { ...skeleton, payload: { results } }, mode: "sliced", slices: ends.length, parsedSlices };
}
