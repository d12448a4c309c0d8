/**
 * The codec's one error type. Parsers and safe-XML reading throw nothing else, so callers can
 * map every failure to a Spine-style reply (or an HTTP 4xx) with a single `instanceof` check.
 */
export type Hl7CodecErrorCode =
  | "too_large" // input over the configured byte cap
  | "too_deep" // element nesting over the configured depth cap
  | "forbidden_doctype" // <!DOCTYPE / <!ENTITY present (entity-expansion and XXE defence)
  | "not_well_formed" // the XML itself is broken
  | "unknown_interaction" // no recognised interaction root element / id
  | "missing_element" // a mandatory element or attribute is absent
  | "invalid_value" // present but unusable (bad boolean, bad timestamp…)
  | "invalid_input" // a builder was given something that cannot be written as XML
  | "bad_envelope"; // SOAP / ebXML / MIME envelope is unusable

export class Hl7CodecError extends Error {
  readonly code: Hl7CodecErrorCode;
  readonly detail?: string;

  constructor(code: Hl7CodecErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "Hl7CodecError";
    this.code = code;
    this.detail = detail;
  }
}

export function isHl7CodecError(value: unknown): value is Hl7CodecError {
  return value instanceof Hl7CodecError;
}
