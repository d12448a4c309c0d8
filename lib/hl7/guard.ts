import { Hl7CodecError } from "@/lib/hl7/errors";

/** Parsers promise to throw only Hl7CodecError; anything unexpected is converted here. */
export function guardParse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Hl7CodecError) throw error;
    if (error instanceof RangeError) throw new Hl7CodecError("too_deep", error.message.slice(0, 200));
    throw new Hl7CodecError("invalid_value", error instanceof Error ? error.message.slice(0, 200) : "unexpected failure");
  }
}
