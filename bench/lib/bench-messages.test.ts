import { describe, expect, it } from "vitest";
import { batchConfirmationReply, batchConfirmRequest, largeSoapReply, sampleReplies, smallSoapReply } from "@/bench/lib/hl7-bench-messages";
import { confirmPool } from "@/bench/lib/spine-confirm";
import { distinctSyntheticNhsNumbers } from "@/bench/lib/synthetic";
import { parseReplyDocument, parseRequestDocument } from "@/lib/hl7";
import { isSyntheticNhsNumber } from "@/lib/nhs/nhs-number";

describe("bench messages", () => {
  it("builds the anchors.md §4 sizes: ~2.4 kB and ~62 kB SOAP-wrapped replies that parse", () => {
    const small = Buffer.byteLength(smallSoapReply());
    expect(small).toBeGreaterThan(1_800);
    expect(small).toBeLessThan(3_000);
    const large = largeSoapReply();
    expect(Math.abs(Buffer.byteLength(large.xml) - 62_000)).toBeLessThan(2_000);
    const parsed = parseReplyDocument(large.xml, "text/xml");
    expect(parsed.kind === "hl7" && parsed.reply.interactionId === "QUPC_IN070000UK32" && parsed.reply.payload.entries.length).toBe(
      large.lrCount,
    );
  });

  it("labels repeated error replies by acknowledgement so table rows are distinct", () => {
    const labels = sampleReplies().map((named) => named.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("makes distinct, valid, synthetic NHS numbers", () => {
    const numbers = distinctSyntheticNhsNumbers(2_000);
    expect(new Set(numbers).size).toBe(2_000);
    expect(numbers.every(isSyntheticNhsNumber)).toBe(true);
  });

  it("builds a batch request for exactly the patients asked and a reply covering each of them", () => {
    const request = batchConfirmRequest(250);
    const nhsNumbers = request.interactionId === "QUPC_IN090000UK03" ? request.payload.nhsNumbers : [];
    expect(nhsNumbers).toHaveLength(250);
    const reply = batchConfirmationReply(nhsNumbers);
    const results = reply.interactionId === "QUPC_IN250000UK02" ? reply.payload.results : [];
    expect(results.map((result) => result.nhsNumber)).toEqual(nhsNumbers);
    expect(results.filter((result) => result.kind === "issue")).toHaveLength(5);
  });

  it("builds a pool of sync confirm queries with distinct message ids", () => {
    const pool = confirmPool("http://127.0.0.1:4100", 12);
    const ids = pool.map((message) => parseRequestDocument(message.body, message.headers["content-type"]).request.header.messageId);
    expect(new Set(ids).size).toBe(12);
    expect(pool[0]?.headers.soapaction).toContain("QUPC_IN010000UK32");
  });
});
