import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REPLIES, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import { buildRequest } from "@/lib/hl7/requests";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/**
 * ControlActEvent/subject carries the attributes its wrapper's schema has: MCAI_MT040101UK03 (updates and
 * their replies) typeCode + contextConductionInd; QUQI_MT030101UK03 (query replies) typeCode only.
 */
const subjectAttributes = (xml: string) => find(parseXml(xml), "ControlActEvent/subject")?.attrs;

const QUERY_REPLIES = [
  "QUPC_IN030000UK14",
  "QUPC_IN040000UK30",
  "QUPC_IN060000UK32",
  "QUPC_IN070000UK32",
  "QUPC_IN250000UK02",
  "QUPC_IN010103UK01",
  "REPC_IN130007UK01",
];

describe("ControlActEvent/subject attributes follow the wrapper schema", () => {
  it.each(QUERY_REPLIES)("%s (QUQI_MT030101UK03): typeCode only, no contextConductionInd", (id) => {
    expect(INTERACTIONS[id as keyof typeof INTERACTIONS].controlAct).toBe("QUQI_MT030101UK03");
    const reply = SAMPLE_REPLIES.find((r) => r.interactionId === id)!;
    expect(subjectAttributes(buildReply(reply))).toEqual({ typeCode: "SUBJ" });
  });

  it.each(["REPC_IN020000UK13", "REPC_IN050000UK13", "REPC_IN130003UK01", "REPC_IN130005UK01"])(
    "%s (MCAI_MT040101UK03): typeCode and contextConductionInd",
    (id) => {
      const reply = SAMPLE_REPLIES.find((r) => r.interactionId === id)!;
      expect(subjectAttributes(buildReply(reply))).toEqual({ typeCode: "SUBJ", contextConductionInd: "false" });
    },
  );

  it("update requests keep contextConductionInd; query requests have no subject at all", () => {
    for (const request of SAMPLE_REQUESTS) {
      const attributes = subjectAttributes(buildRequest(request));
      if (INTERACTIONS[request.interactionId].payloadSlot === "query") expect(attributes).toBeUndefined();
      else expect(attributes).toEqual({ typeCode: "SUBJ", contextConductionInd: "false" });
    }
  });

  it("a query reply that does carry contextConductionInd (as older fixtures did) still reads", () => {
    const withAttribute = fixture("replies/QUPC_IN030000UK14.xml").replace(
      '<hl7:subject typeCode="SUBJ">',
      '<hl7:subject typeCode="SUBJ" contextConductionInd="false">',
    );
    expect(withAttribute).toContain("contextConductionInd");
    expect(parseReply(withAttribute)).toEqual(SAMPLE_REPLIES.find((r) => r.interactionId === "QUPC_IN030000UK14"));
  });
});
