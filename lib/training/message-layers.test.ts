import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { NHS_NUMBER, replyHeader, SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildReply } from "@/lib/hl7/replies";
import { buildEbxmlMessage } from "@/lib/hl7/transport/ebxml-multipart";
import { buildSoapRequest } from "@/lib/hl7/transport/soap-envelope";
import { el } from "@/lib/hl7/xml/xml-node";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import {
  acknowledgementOf,
  answerName,
  explainCodes,
  explainIdentifiers,
  explainInteraction,
  validatorRulesFor,
} from "./message-explanations";
import { MAX_VIEWABLE_CHARS, readMessageLayers } from "./message-layers";
import { prettyXml } from "./pretty-xml";

const createLr = SAMPLE_REQUESTS.find((r) => r.interactionId === "REPC_IN010000UK15")!;
const confirmQuery = SAMPLE_REQUESTS.find((r) => r.interactionId === "QUPC_IN010000UK32")!;
const ebxml = {
  fromPartyId: "X09-9000001",
  toPartyId: "YES-0000806",
  cpaId: "S9000000A9000000",
  conversationId: createLr.header.messageId,
};

describe("prettyXml", () => {
  it("indents, keeps text-only elements on one line, escapes values and folds what it is told to", () => {
    const inner = el("inner", { code: 'a"<b' }, "x < y");
    const folded = el("folded", { id: "1" }, el("secret", {}, "hidden"));
    const text = prettyXml(el("root", {}, inner, folded), new Map([[folded, "shown below"]]));
    expect(text).toBe(
      [
        "<root>",
        '  <inner code="a&quot;&lt;b">x &lt; y</inner>',
        '  <folded id="1">',
        "    <!-- shown below -->",
        "  </folded>",
        "</root>",
      ].join("\n"),
    );
    expect(text).not.toContain("hidden");
  });
});

describe("readMessageLayers", () => {
  it("splits an ebXML create into transport, wrapper, control act and payload, each folding the next", () => {
    const message = buildEbxmlMessage(createLr, ebxml);
    const read = readMessageLayers(message.body);
    expect(read.problem).toBeUndefined();
    expect(read.interactionId).toBe("REPC_IN010000UK15");
    expect(read.layers.map((layer) => layer.name)).toEqual(["transport", "wrapper", "controlAct", "payload"]);
    const [transport, wrapper, controlAct, payload] = read.layers.map((layer) => layer.xml);
    expect(transport).toContain("eb:MessageHeader");
    expect(transport).toContain("<!-- the HL7 message: see the wrapper layer -->");
    expect(transport).not.toContain("ControlActEvent");
    expect(wrapper).toContain("REPC_IN010000UK15");
    expect(wrapper).toContain("<!-- the control act: see the control act layer -->");
    expect(wrapper).not.toContain("CreateRequest");
    expect(controlAct).toContain("ControlActEvent");
    expect(controlAct).toContain("<!-- the payload: see the payload layer -->");
    expect(payload?.startsWith("<CreateRequest") || payload?.startsWith("<hl7:CreateRequest")).toBe(true);
    expect(payload).toContain(NHS_NUMBER);
  });

  it("reads a sync SOAP query: envelope as transport, the query element as payload", () => {
    const built = buildSoapRequest(confirmQuery, { to: "https://spine.test/sync-service", fromAddress: "https://lr-manager.test" });
    const read = readMessageLayers(built.body);
    expect(read.interactionId).toBe("QUPC_IN010000UK32");
    expect(read.envelope?.name).toBe("Envelope");
    expect(read.layers.map((layer) => layer.name)).toEqual(["transport", "wrapper", "controlAct", "payload"]);
    expect(read.layers[0]?.xml).toContain("wsa:MessageID");
    expect(read.layers[3]?.xml).toMatch(/^<(hl7:)?query/);
  });

  it("names ebXML acknowledgements and SOAP faults, which have only a transport layer", () => {
    for (const [file, name] of [
      ["transport/ebxml-ack.xml", "Acknowledgment"],
      ["transport/soap-fault.xml", "Fault"],
    ] as const) {
      const read = readMessageLayers(fixture(file));
      expect(read.interactionId).toBe(name);
      expect(read.layers.map((layer) => layer.name)).toEqual(["transport"]);
    }
  });

  it("shows a message it cannot read as received, with the reason, and refuses a DOCTYPE", () => {
    expect(readMessageLayers("   ").problem).toBe("The message was empty.");
    const broken = readMessageLayers("<REPC_IN010000UK15><id></REPC_IN010000UK15>");
    expect(broken.problem).toMatch(/could not be read/);
    expect(broken.raw).toContain("<id>");
    const doctype = readMessageLayers('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    expect(doctype.layers).toEqual([]);
    expect(doctype.problem).toMatch(/could not be read/);
    const huge = readMessageLayers(`<x>${"a".repeat(MAX_VIEWABLE_CHARS)}</x>`);
    expect(huge.problem).toMatch(/too large/);
    expect(huge.raw?.length).toBeLessThan(21_000);
  });
});

describe("explanations", () => {
  it("explains an interaction from the catalogue, and the signals that are not HL7", () => {
    const create = explainInteraction("REPC_IN010000UK15");
    expect(create.title).toBe("Create LR (REPC_IN010000UK15)");
    expect(create.lines.join(" ")).toMatch(/reliable/);
    expect(create.lines.join(" ")).toContain("LR created (REPC_IN020000UK13)");
    expect(explainInteraction("QUPC_IN010000UK32").lines.join(" ")).toMatch(/Synchronous/);
    expect(explainInteraction("Acknowledgment").lines[0]).toMatch(/acknowledgement/);
    expect(explainInteraction("NOT_AN_INTERACTION").lines[0]).toMatch(/Not an LR-domain/);
  });

  it("names the generic application acknowledgement by its code: AA is an accept, AE / AR a refusal", () => {
    const accepted = buildReply({ interactionId: "MCCI_IN010000UK13", header: replyHeader, payload: {} });
    const refused = buildReply(
      SAMPLE_REPLIES.find((r) => r.interactionId === "MCCI_IN010000UK13" && r.header.acknowledgement.typeCode === "AE")!,
    );
    expect(acknowledgementOf(accepted)).toBe("AA");
    expect(acknowledgementOf(refused)).toBe("AE");
    expect(acknowledgementOf("<Acknowledgment/>")).toBeUndefined();
    expect(answerName("MCCI_IN010000UK13", "AA")).toBe("Accepted");
    expect(answerName("MCCI_IN010000UK13", "AE")).toBe("Update error (refused)");
    expect(answerName("REPC_IN020000UK13", "AA")).toBe("LR created");
    expect(explainInteraction("MCCI_IN010000UK13", "AA").title).toBe("Application acknowledgement (MCCI_IN010000UK13)");
    expect(explainInteraction("MCCI_IN010000UK13", "AE").lines.join(" ")).toMatch(/AE \(application error\): Spine refused/);
  });

  it("explains every coded value and known identifier in a create from the vocabularies", () => {
    const read = readMessageLayers(buildEbxmlMessage(createLr, ebxml).body);
    const codes = explainCodes(read.hl7!);
    const lrType = codes.find((entry) => entry.vocabulary === "LRType");
    expect(lrType).toBeDefined();
    expect(lrType?.meaning).not.toMatch(/Not in the vocabularies/);
    const ids = explainIdentifiers(read.hl7!);
    expect(ids).toContainEqual(expect.objectContaining({ meaning: "NHS number", value: formatNhsNumber(NHS_NUMBER) }));
    expect(ids.some((entry) => entry.meaning.startsWith("Role profile id"))).toBe(true);
  });

  it("lists the validator rules that apply with pass/fail, and shows a broken rule failing", () => {
    const read = readMessageLayers(buildEbxmlMessage(createLr, ebxml).body);
    const rules = validatorRulesFor(read.hl7!);
    expect(rules.length).toBeGreaterThan(3);
    expect(rules.every((rule) => rule.passed)).toBe(true);
    const bad = readMessageLayers(
      buildEbxmlMessage(createLr, ebxml).body.replace(
        'code="08" codeSystem="2.16.840.1.113883.2.1.3.2.4.16.11"',
        'code="999" codeSystem="2.16.840.1.113883.2.1.3.2.4.16.11"',
      ),
    );
    const failed = validatorRulesFor(bad.hl7!).filter((rule) => !rule.passed);
    expect(failed.map((rule) => rule.name)).toEqual(["ErrorBase1712.INVALID_LRTYPE"]);
    expect(failed[0]?.message).toBeTruthy();
  });
});
