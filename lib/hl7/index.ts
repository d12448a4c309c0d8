/** Public surface of the HL7 V3 codec. See API.md. */

export { Hl7CodecError, type Hl7CodecErrorCode, isHl7CodecError } from "@/lib/hl7/errors";
export * from "@/lib/hl7/hl7-time";
export * from "@/lib/hl7/message-id";
export * from "@/lib/hl7/replies";
export * from "@/lib/hl7/requests";
export * from "@/lib/hl7/transport/documents";
export * from "@/lib/hl7/transport/ebxml-envelope";
export * from "@/lib/hl7/transport/ebxml-multipart";
export * from "@/lib/hl7/transport/outbound";
export * from "@/lib/hl7/transport/soap-envelope";
export * from "@/lib/hl7/transport/soap-fault";
export * from "@/lib/hl7/types";
export * from "@/lib/hl7/validation/validate-request";
export * from "@/lib/hl7/vocab/interactions";
export * from "@/lib/hl7/vocab/lr-codes";
export * from "@/lib/hl7/vocab/lr-status";
export * from "@/lib/hl7/vocab/mhs-sync-async";
export * from "@/lib/hl7/vocab/oids";
export * from "@/lib/hl7/vocab/query-codes";
export * from "@/lib/hl7/vocab/spine-errors";
export * from "@/lib/hl7/vocab/vocabulary";
export * from "@/lib/hl7/vocab/workgroup-codes";
export { xmlStructurallyEqual } from "@/lib/hl7/xml/xml-compare";
export { el, isElement, type XmlElement, type XmlNode } from "@/lib/hl7/xml/xml-node";
export { attr, child, children, find, findAll, textOf } from "@/lib/hl7/xml/xml-query";
export { DEFAULT_XML_LIMITS, type ParseOptions, parseXml, type XmlLimits } from "@/lib/hl7/xml/xml-read";
export { escapeAttribute, escapeText, serializeXml } from "@/lib/hl7/xml/xml-write";
