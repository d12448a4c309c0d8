import { describe, expect, it } from "vitest";
import { isHl7CodecError } from "@/lib/hl7/errors";
import { replyHeader, requestHeader } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply, replyToElement } from "@/lib/hl7/replies";
import { buildRequest } from "@/lib/hl7/requests";
import type { BatchConfirmResult, Hl7Reply } from "@/lib/hl7/types";
import { validateRequest } from "@/lib/hl7/validation/validate-request";
import { serializeXml } from "@/lib/hl7/xml/xml-write";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { type BatchConfirmQueryRequest, buildBatchConfirmQueryInSlices } from "./batch-confirm-query-slices";
import { readBatchConfirmationInSlices } from "./batch-confirmation-chunks";
import { readBatchQueryNhsNumbers, readBatchQuerySkeleton } from "./batch-query-patients";

/**
 * The 10,000-patient batch in slices: the request built in pieces is byte for byte the request
 * built whole; the reply read in slices is exactly what the whole-document parser reads, whatever
 * the formatting, and anything the slices cannot be sure of is read whole.
 */
const LIMITS = { limits: { maxBytes: 16 * 1024 * 1024 } };
const numbers = (count: number) => Array.from({ length: count }, (_, i) => syntheticNhsNumber(i * 3 + 1));

function request(count: number): BatchConfirmQueryRequest {
  return {
    interactionId: "QUPC_IN090000UK03",
    header: requestHeader,
    payload: {
      nhsNumbers: numbers(count),
      parameterList: { userId: "900000000001", roleProfileId: "900000000101", workgroupIds: ["900000000503"] },
    },
  };
}

function reply(count: number, displayName = "No match to a Service User record"): { xml: string; results: BatchConfirmResult[] } {
  const results: BatchConfirmResult[] = numbers(count).map((nhsNumber, i) =>
    i % 7 === 3
      ? { kind: "issue", nhsNumber, issue: { code: "1", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.42", displayName } }
      : { kind: "status", nhsNumber, hasLr: i % 2 === 0 },
  );
  const message: Hl7Reply = {
    interactionId: "QUPC_IN250000UK02",
    header: { ...replyHeader, queryResponseCode: "OK" },
    payload: { results },
  };
  return { xml: buildReply(message), results };
}

describe("buildReply of a batch confirmation (written around its skeleton)", () => {
  it.each([1, 2, 3, 1_000, 2_500])("%i patients: the same bytes as serialising the whole element tree", (count) => {
    const message = parseReply(reply(count, "No match <to> a Service User & record").xml);
    expect(buildReply(message)).toBe(serializeXml(replyToElement(message)));
  });

  it("numbers that are not ten digits, and an issue first, are written in full: still the same bytes", () => {
    const results: BatchConfirmResult[] = [
      { kind: "issue", nhsNumber: "99900&0048", issue: { code: "1", displayName: 'a "quoted" issue' } },
      { kind: "status", nhsNumber: "12345", hasLr: true },
      { kind: "status", nhsNumber: syntheticNhsNumber(4), hasLr: false },
      { kind: "status", nhsNumber: syntheticNhsNumber(5), hasLr: true },
    ];
    const message: Hl7Reply = {
      interactionId: "QUPC_IN250000UK02",
      header: { ...replyHeader, queryResponseCode: "OK" },
      payload: { results },
    };
    expect(buildReply(message)).toBe(serializeXml(replyToElement(message)));
    expect(parseReply(buildReply(message))).toEqual(parseReply(serializeXml(replyToElement(message))));
  });
});

describe("buildBatchConfirmQueryInSlices", () => {
  it.each([1, 2, 999, 1_000, 1_001, 2_500])("%i patients: the same bytes as building the whole message", async (count) => {
    let pauses = 0;
    const built = await buildBatchConfirmQueryInSlices(request(count), {
      pause: async () => {
        pauses++;
      },
    });
    expect(built.hl7).toBe(buildRequest(request(count)));
    expect(built.messageId).toBe(requestHeader.messageId);
    expect(pauses).toBe(Math.ceil(count / 1_000) - 1);
  });

  it("a value that is not ten digits (the first or a later one) is serialised in full: still the same bytes", async () => {
    for (const odd of [
      ["12345", ...numbers(3)],
      [...numbers(2), "99900&0048", "9990001234 "],
    ]) {
      const message = { ...request(1), payload: { ...request(1).payload, nhsNumbers: odd } };
      expect((await buildBatchConfirmQueryInSlices(message)).hl7).toBe(buildRequest(message));
    }
  });

  it("checks the skeleton by Spine's rules before building the rest, and a refusal stops it", async () => {
    const seen: number[] = [];
    await buildBatchConfirmQueryInSlices(request(3), { checkSkeleton: (skeleton) => seen.push(validateRequest(skeleton).length) });
    expect(seen).toEqual([0]);
    await expect(
      buildBatchConfirmQueryInSlices(request(3), {
        checkSkeleton: () => {
          throw new Error("refused");
        },
      }),
    ).rejects.toThrow("refused");
  });
});

describe("readBatchQueryNhsNumbers", () => {
  it("reads the patients of a request as the codec built it, and declines any other form", () => {
    const xml = buildRequest(request(25));
    expect(readBatchQueryNhsNumbers(xml)).toEqual(numbers(25));
    expect(readBatchQueryNhsNumbers(xml.replace("<patient.id><value root", "<patient.id><value  root"))).toBeUndefined();
    expect(
      readBatchQueryNhsNumbers(buildRequest({ ...request(1), payload: { ...request(1).payload, nhsNumbers: ["999&amp;"] } })),
    ).toBeUndefined();
  });

  it.each([1, 2, 2_500])(
    "%i patients: the skeleton reads as the message with its first patient, and the list is every patient",
    (count) => {
      const read = readBatchQuerySkeleton(buildRequest(request(count)));
      const first = numbers(1);
      expect(read?.nhsNumbers).toEqual(numbers(count));
      expect(read?.skeletonXml).toBe(buildRequest({ ...request(1), payload: { ...request(1).payload, nhsNumbers: first } }));
      expect(validateRequest(read?.skeletonXml ?? "", LIMITS)).toEqual([]);
    },
  );

  it("the skeleton reader declines a list that is not one run in the codec's form", () => {
    const xml = buildRequest(request(3));
    const [a, b] = numbers(2);
    const split = xml.replace(`extension="${b}"/><semanticsText>Patient.Id</semanticsText></patient.id>`, `$&<x/>`);
    expect(split).not.toBe(xml);
    expect(readBatchQuerySkeleton(split)).toBeUndefined();
    expect(readBatchQuerySkeleton(xml.replace("<patient.id><value root", "<patient.id><value  root"))).toBeUndefined();
    expect(readBatchQuerySkeleton(xml.replace(`extension="${a}"/>`, `extension="${a}" />`))).toBeUndefined();
    // whitespace between them is still one run
    expect(readBatchQuerySkeleton(xml.replaceAll("</patient.id><patient.id>", "</patient.id>\n  <patient.id>"))?.nhsNumbers).toEqual(
      numbers(3),
    );
  });
});

describe("readBatchConfirmationInSlices", () => {
  it("reads the codec's own form in slices, on the fast path, with pauses, exactly as the parser does", async () => {
    const { xml, results } = reply(1_234);
    let pauses = 0;
    const read = await readBatchConfirmationInSlices(xml, {
      ...LIMITS,
      componentsPerSlice: 100,
      pause: async () => {
        pauses++;
      },
    });
    expect(read).toMatchObject({ mode: "sliced", slices: 13, parsedSlices: 0 });
    expect(pauses).toBe(13);
    expect(read.reply).toEqual(parseReply(xml, LIMITS));
    expect(read.reply.interactionId === "QUPC_IN250000UK02" && read.reply.payload.results).toEqual(results);
  });

  it("other formatting (indentation, prefixes, attribute order, entities) goes through the parser and reads the same", async () => {
    const { xml } = reply(40, "No match & unknown");
    const variants = [
      xml.replace(/></g, ">\n  <"),
      xml.replace(/<(\/?)(component|responseOptionsLRStatus|value|recordTarget|patient|id)([ >/])/g, "<$1hl7:$2$3"),
      xml.replace(/<value value="(true|false)"\/>/g, '<value value="$1"></value>'),
      xml.replace(
        /<id root="2\.16\.840\.1\.113883\.2\.1\.4\.1" extension="(\d+)"\/>/g,
        '<id extension="$1" root="2.16.840.1.113883.2.1.4.1"/>',
      ),
      xml.replace("<component ", "<!-- </component> --><component "),
    ];
    for (const variant of variants) {
      const read = await readBatchConfirmationInSlices(variant, { ...LIMITS, componentsPerSlice: 7 });
      expect(read.reply).toEqual(parseReply(variant, LIMITS));
      expect(read.parsedSlices).toBeGreaterThan(0);
    }
  });

  it("indentation between tags stays on the fast path and reads the same", async () => {
    const indented = reply(50).xml.replace(/></g, ">\n  <");
    const read = await readBatchConfirmationInSlices(indented, { ...LIMITS, componentsPerSlice: 10 });
    expect(read).toMatchObject({ mode: "sliced", parsedSlices: 0 });
    expect(read.reply).toEqual(parseReply(indented, LIMITS));
  });

  it("a reply that is not a confirmation list, or an empty one, reads as the parser reads it", async () => {
    const empty = reply(0).xml;
    expect((await readBatchConfirmationInSlices(empty, LIMITS)).reply).toEqual(parseReply(empty, LIMITS));
    const other = buildReply({ interactionId: "REPC_IN020000UK13", header: replyHeader, payload: { lrId: "LR1" } });
    expect(await readBatchConfirmationInSlices(other, LIMITS)).toMatchObject({ mode: "whole", reply: parseReply(other, LIMITS) });
  });

  it("refuses what the parser refuses: too large, a DOCTYPE, a broken component", async () => {
    const { xml } = reply(20);
    const refusal = async (text: string, options = LIMITS) => {
      try {
        await readBatchConfirmationInSlices(text, options);
      } catch (error) {
        if (isHl7CodecError(error)) return error.code;
        throw error;
      }
      return "read";
    };
    expect(await refusal(xml, { limits: { maxBytes: 1_000 } })).toBe("too_large");
    expect(await refusal(`<!DOCTYPE x [<!ENTITY a "b">]>${xml}`)).toBe("forbidden_doctype");
    expect(await refusal(xml.replace("</responseOptionsLRStatus></component>", "</component>"))).toBe("not_well_formed");
    expect(await refusal(xml.replace(/<value value="true"\/>/, '<value value="maybe"/>'))).toBe("invalid_value");
  });
});
