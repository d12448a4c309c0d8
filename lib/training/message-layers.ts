import { Hl7CodecError } from "@/lib/hl7/errors";
import { locateMessage } from "@/lib/hl7/locate-message";
import { type MimePart, splitMultipart } from "@/lib/hl7/transport/ebxml-multipart";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, findAll } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";
import { prettyXml } from "./pretty-xml";

/**
 * One message as the trainer's viewer teaches it: split into its four layers, outermost first —
 * transport (the ebXML MIME envelope or the SOAP envelope the message travelled in), wrapper (the
 * HL7 transmission wrapper: who sent it to whom, when, with which id), control act (the
 * ControlActEvent: who did it, in which role) and payload (what was asked or said) — each
 * pretty-printed with the inner layers folded away. Pure: no I/O.
 */
export type LayerName = "transport" | "wrapper" | "controlAct" | "payload";

export interface MessageLayer {
  name: LayerName;
  xml: string;
}

export interface ReadMessage {
  /** The HL7 interaction id, "Acknowledgment" / "MessageError" for ebXML signals, "Fault" for a SOAP fault. */
  interactionId?: string;
  layers: MessageLayer[];
  /** The HL7 message element (for explanations and validator rules). */
  hl7?: XmlElement;
  /** The SOAP envelope around a sync message (the validator's envelope rules read it). */
  envelope?: XmlElement;
  /** Why the message could not be split: it is then shown as received. */
  problem?: string;
  /** The raw text, cut short for display when the message could not be read. */
  raw?: string;
}

/** Messages larger than this (a 10,000-patient batch) are not taken apart for display. */
export const MAX_VIEWABLE_CHARS = 512 * 1024;
const RAW_PREVIEW_CHARS = 20_000;

const FOLDED = {
  wrapper: "the HL7 message: see the wrapper layer",
  controlAct: "the control act: see the control act layer",
  payload: "the payload: see the payload layer",
} as const;

function unreadable(body: string, problem: string): ReadMessage {
  const raw = body.length > RAW_PREVIEW_CHARS ? `${body.slice(0, RAW_PREVIEW_CHARS)}\n…` : body;
  return { layers: [], problem, raw };
}

function mimeHeaders(part: MimePart): string {
  return Object.entries(part.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** The HL7 layers of one interaction element: wrapper, control act, payload. */
function hl7Layers(message: XmlElement): MessageLayer[] {
  const controlAct = child(message, "ControlActEvent");
  if (!controlAct) return [{ name: "wrapper", xml: prettyXml(message) }];
  const info = Object.hasOwn(INTERACTIONS, message.name) ? INTERACTIONS[message.name as keyof typeof INTERACTIONS] : undefined;
  const slot = info?.payloadSlot === "query" ? "query" : "subject";
  const payloads = findAll(controlAct, slot === "query" ? "query" : "subject/*");
  const layers: MessageLayer[] = [
    { name: "wrapper", xml: prettyXml(message, new Map([[controlAct, FOLDED.controlAct]])) },
    {
      name: "controlAct",
      xml: prettyXml(controlAct, new Map(payloads.map((payload) => [payload, FOLDED.payload] as const))),
    },
  ];
  if (payloads.length > 0) layers.push({ name: "payload", xml: payloads.map((payload) => prettyXml(payload)).join("\n") });
  return layers;
}

function interactionOf(message: XmlElement): string {
  return attr(child(message, "interactionId"), "extension") ?? message.name;
}

/** An envelope (SOAP or ebXML) with the HL7 message, if any, folded into the layers below it. */
function fromEnvelope(envelope: XmlElement, transportPrefix = ""): ReadMessage {
  const body = child(envelope, "Body");
  let message: XmlElement | undefined;
  try {
    message = body ? locateMessage(body) : undefined;
  } catch {
    message = undefined;
  }
  const fold = message ? new Map([[message, FOLDED.wrapper]]) : new Map<XmlElement, string>();
  const transport: MessageLayer = { name: "transport", xml: `${transportPrefix}${prettyXml(envelope, fold)}` };
  if (message) return { interactionId: interactionOf(message), layers: [transport, ...hl7Layers(message)], hl7: message, envelope };
  const signal = ["Fault", "Acknowledgment", "MessageError"].find((name) => findAll(envelope, `*/${name}`).length > 0);
  return signal ? { interactionId: signal, layers: [transport] } : { layers: [transport] };
}

function fromMultipart(body: string): ReadMessage {
  const boundary = /^\s*--([^\r\n]+)/.exec(body)?.[1]?.trim();
  if (!boundary) return unreadable(body, "The MIME boundary could not be found.");
  const parts = splitMultipart(body, boundary);
  const [header, ...rest] = parts;
  const envelope = parseXml(header!.body);
  const transportText = `${mimeHeaders(header!)}\n\n${prettyXml(envelope)}`;
  const payloadPart = rest[0];
  const transport: MessageLayer = {
    name: "transport",
    xml: payloadPart ? `${transportText}\n\n--${boundary}\n${mimeHeaders(payloadPart)}\n\n<!-- ${FOLDED.wrapper} -->` : transportText,
  };
  if (!payloadPart) {
    const signal = ["Acknowledgment", "MessageError"].find((name) => findAll(envelope, `*/${name}`).length > 0);
    return signal ? { interactionId: signal, layers: [transport] } : { layers: [transport] };
  }
  const message = locateMessage(parseXml(payloadPart.body));
  return { interactionId: interactionOf(message), layers: [transport, ...hl7Layers(message)], hl7: message };
}

export function readMessageLayers(body: string): ReadMessage {
  const text = body.trim();
  if (text === "") return { layers: [], problem: "The message was empty." };
  if (text.length > MAX_VIEWABLE_CHARS) {
    return unreadable(
      text,
      `The message is ${Math.round(text.length / 1024)} kB, too large to take apart here; its start is shown as sent.`,
    );
  }
  try {
    if (text.startsWith("--")) return fromMultipart(text);
    const root = parseXml(text);
    if (root.name === "Envelope") return fromEnvelope(root);
    const message = locateMessage(root);
    return { interactionId: interactionOf(message), layers: hl7Layers(message), hl7: message };
  } catch (error) {
    const detail = error instanceof Hl7CodecError ? error.message : "it is not well-formed";
    return unreadable(text, `The message could not be read (${detail}).`);
  }
}
