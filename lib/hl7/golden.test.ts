import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import type { Hl7Reply } from "@/lib/hl7/types";
import { xmlStructurallyEqual } from "@/lib/hl7/xml/xml-compare";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/**
 * Golden tests: fixtures are written by hand from the reference skeletons (docs/domain.md §5) and
 * compared structurally (element names, attributes, order, text — not prefixes or whitespace).
 */
const structuralDiff = (actualXml: string, expectedXml: string) => xmlStructurallyEqual(parseXml(actualXml), parseXml(expectedXml));

function replyFixtureName(reply: Hl7Reply): string {
  if (reply.interactionId === "MCCI_IN010000UK13") return `replies/MCCI_IN010000UK13-${reply.header.acknowledgement.typeCode}.xml`;
  return `replies/${reply.interactionId}.xml`;
}

describe("request builders match the golden fixtures", () => {
  it.each(SAMPLE_REQUESTS.map((r) => [r.interactionId, r] as const))("%s", (id, request) => {
    expect(structuralDiff(buildRequest(request), fixture(`requests/${id}.xml`))).toBeUndefined();
  });
});

describe("request parsers read the golden fixtures", () => {
  it.each(SAMPLE_REQUESTS.map((r) => [r.interactionId, r] as const))("%s", (id, request) => {
    expect(parseRequest(fixture(`requests/${id}.xml`))).toEqual(request);
  });
});

describe("reply builders match the golden fixtures (fixtures use the hl7: prefix form)", () => {
  it.each(SAMPLE_REPLIES.map((r) => [replyFixtureName(r), r] as const))("%s", (file, reply) => {
    expect(structuralDiff(buildReply(reply), fixture(file))).toBeUndefined();
  });
});

describe("reply parsers read the golden fixtures (success, AE, AR)", () => {
  it.each(SAMPLE_REPLIES.map((r) => [replyFixtureName(r), r] as const))("%s", (file, reply) => {
    expect(parseReply(fixture(file))).toEqual(reply);
  });
});

describe("structural comparison is strict enough to catch order and value changes", () => {
  const create = fixture("requests/REPC_IN010000UK15.xml");
  it("spots a swapped element order", () => {
    const expected = parseXml(create);
    const createRequest = find(expected, "ControlActEvent/subject/CreateRequest")!;
    const [a, b] = [createRequest.children[2]!, createRequest.children[3]!];
    createRequest.children[2] = b;
    createRequest.children[3] = a;
    expect(xmlStructurallyEqual(parseXml(buildRequest(SAMPLE_REQUESTS[0]!)), expected)).toMatch(/subject|recordTarget/);
  });
  it("spots a changed attribute", () => {
    expect(structuralDiff(buildRequest(SAMPLE_REQUESTS[0]!), create.replace('code="08"', 'code="07"'))).toMatch(/@code/);
  });
});
