import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { anyReply, anyRequest, xmlText } from "@/lib/hl7/fixtures/arbitraries";
import { SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import { parseReplyDocument, parseRequestDocument } from "@/lib/hl7/transport/documents";
import { buildEbxmlMessage, parseEbxmlMessage } from "@/lib/hl7/transport/ebxml-multipart";
import { buildSoapRequest, buildSoapResponse, parseSoapEnvelope } from "@/lib/hl7/transport/soap-envelope";
import { validateRequest } from "@/lib/hl7/validation/validate-request";
import { parseXml } from "@/lib/hl7/xml/xml-read";

const RUNS = { numRuns: 150 };
const EBXML = {
  fromPartyId: "X09-9000001",
  toPartyId: "YES-0000806",
  cpaId: "S9000000A9000000",
  conversationId: "C0NVERSATI0N",
  timestamp: "2024-01-31T12:00:00Z",
};

describe("build → parse round-trips", () => {
  it("every request, bare HL7", () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        expect(parseRequest(buildRequest(request))).toEqual(request);
      }),
      RUNS,
    );
  });

  it("every reply, bare HL7", () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        expect(parseReply(buildReply(reply))).toEqual(reply);
      }),
      RUNS,
    );
  });

  it("every request inside a SOAP envelope and inside ebXML multipart", () => {
    fc.assert(
      fc.property(anyRequest, xmlText, (request, to) => {
        const soap = buildSoapRequest(request, { to, fromAddress: "https://bff.test" });
        const viaSoap = parseRequestDocument(soap.body, soap.contentType);
        expect(viaSoap.request).toEqual(request);
        expect(viaSoap.soap?.to).toBe(to.trim());
        const eb = buildEbxmlMessage(request, EBXML);
        expect(parseRequestDocument(eb.body, eb.contentType).request).toEqual(request);
      }),
      { numRuns: 80 },
    );
  });

  it("every reply inside a SOAP response and inside ebXML multipart", () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        const soap = parseReplyDocument(
          buildSoapResponse(reply, { relatesTo: "5B1B3E2A-0C5F-4E1B-9D8B-3B2F0F6A1C11", fromAddress: "https://spine.test" }),
          "text/xml",
        );
        expect(soap).toMatchObject({ kind: "hl7", reply });
        const eb = buildEbxmlMessage(reply, { ...EBXML, refToMessageId: "5B1B3E2A-0C5F-4E1B-9D8B-3B2F0F6A1C11" });
        expect(parseReplyDocument(eb.body, eb.contentType)).toMatchObject({ kind: "hl7", reply });
      }),
      { numRuns: 80 },
    );
  });
});

/** Every entry point that reads untrusted text; each must only ever throw Hl7CodecError. */
const PARSERS: [string, (text: string) => unknown][] = [
  ["parseXml", (t) => parseXml(t)],
  ["parseRequest", (t) => parseRequest(t)],
  ["parseReply", (t) => parseReply(t)],
  ["parseSoapEnvelope", (t) => parseSoapEnvelope(t)],
  [
    "parseEbxmlMessage(multipart)",
    (t) => parseEbxmlMessage(t, 'multipart/related; boundary="--=_MIME-Boundary"; start="<ebXMLHeader@spine.nhs.uk>"'),
  ],
  ["parseEbxmlMessage(text/xml)", (t) => parseEbxmlMessage(t, "text/xml")],
  ["parseReplyDocument", (t) => parseReplyDocument(t, "text/xml")],
  ["parseRequestDocument", (t) => parseRequestDocument(t)],
];

function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof Hl7CodecError)) throw new Error(`untyped error escaped: ${String(error)}`);
  }
}

const SEEDS = [
  ...SAMPLE_REQUESTS.map((r) => buildRequest(r)),
  ...SAMPLE_REPLIES.map((r) => buildReply(r)),
  buildSoapRequest(SAMPLE_REQUESTS[2]!, { to: "t", fromAddress: "f" }).body,
  buildEbxmlMessage(SAMPLE_REQUESTS[0]!, EBXML).body,
];

/** Mutations that keep most structure: delete, duplicate or replace a slice; swap a tag name. */
const mutatedXml = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.nat(),
    fc.nat(),
    fc.constantFrom("", "<", ">", "</x>", "<!--", "&", '"', "<a>", "]]>", "<![CDATA[", "&#0;", "\u0000"),
    fc.nat(3),
  )
  .map(([seed, a, b, insert, op]) => {
    const i = a % (seed.length + 1);
    const j = Math.min(seed.length, i + (b % 200));
    switch (op) {
      case 0:
        return seed.slice(0, i) + seed.slice(j); // delete a slice
      case 1:
        return seed.slice(0, j) + seed.slice(i, j) + seed.slice(j); // duplicate a slice
      case 2:
        return seed.slice(0, i) + insert + seed.slice(j); // replace a slice
      default:
        return seed.replace(/<(\w+)/, `<${insert.replace(/\W/g, "") || "zz"}`); // rename the first element
    }
  });

describe("hostile input never throws anything but Hl7CodecError", () => {
  it.each(PARSERS)("%s: random strings", (_name, parse) => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => onlyTypedErrors(() => parse(text))),
      { numRuns: 300 },
    );
  });

  it.each(PARSERS)("%s: mutated valid messages", (_name, parse) => {
    fc.assert(
      fc.property(mutatedXml, (text) => onlyTypedErrors(() => parse(text))),
      { numRuns: 300 },
    );
  });

  it("validateRequest never throws on random or mutated input", () => {
    fc.assert(
      fc.property(fc.oneof(mutatedXml, fc.string({ maxLength: 200 })), (text) => {
        expect(Array.isArray(validateRequest(text))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("the mutation generator really produces broken documents (the fuzz is not vacuous)", () => {
    const samples = fc.sample(mutatedXml, { numRuns: 200, seed: 42 });
    const refused = samples.filter((s) => {
      try {
        parseRequest(s);
        return false;
      } catch {
        return true;
      }
    });
    expect(refused.length).toBeGreaterThan(50);
  });
});
