import { describe, expect, it } from "vitest";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { formatEbxmlTimestamp, formatHl7Timestamp, parseHl7Timestamp } from "@/lib/hl7/hl7-time";
import { fromWsaMessageId, isUuid, newMessageId, toWsaMessageId } from "@/lib/hl7/message-id";

describe("HL7 timestamps", () => {
  const instant = new Date(Date.UTC(2024, 0, 31, 12, 5, 9));
  it("formats the three lengths Spine accepts", () => {
    expect(formatHl7Timestamp(instant)).toBe("20240131120509");
    expect(formatHl7Timestamp(instant, { precision: "minute" })).toBe("202401311205");
    expect(formatHl7Timestamp(instant, { withOffset: true })).toBe("20240131120509+0000");
  });
  it("parses back, honouring an offset", () => {
    expect(parseHl7Timestamp("20240131120509").toISOString()).toBe("2024-01-31T12:05:09.000Z");
    expect(parseHl7Timestamp("20240131130509+0100").toISOString()).toBe("2024-01-31T12:05:09.000Z");
    expect(parseHl7Timestamp("20240131").toISOString()).toBe("2024-01-31T00:00:00.000Z");
  });
  it("refuses impossible or malformed values with the typed error", () => {
    for (const bad of ["2024013", "20240230120000", "20241301000000", "20240131250000", "abc"]) {
      expect(() => parseHl7Timestamp(bad)).toThrow(Hl7CodecError);
    }
  });
  it("formats ebXML timestamps without milliseconds", () => {
    expect(formatEbxmlTimestamp(instant)).toBe("2024-01-31T12:05:09Z");
  });
});

describe("message ids", () => {
  it("are upper-case UUIDs and map to the 41-char wsa form", () => {
    const id = newMessageId();
    expect(isUuid(id)).toBe(true);
    expect(id).toBe(id.toUpperCase());
    expect(toWsaMessageId(id)).toHaveLength(41);
    expect(fromWsaMessageId(toWsaMessageId(id))).toBe(id);
    expect(newMessageId()).not.toBe(id);
  });
});
