import { describe, expect, it } from "vitest";
import { SAMPLE_REPLIES } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import type { Hl7Reply } from "@/lib/hl7/types";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/** REPC_IN130007UK01 WorkgroupMemberQueryResponse as REPC_MT130007UK01 fixes it. */
const sample = SAMPLE_REPLIES.find((reply) => reply.interactionId === "REPC_IN130007UK01") as Extract<
  Hl7Reply,
  { interactionId: "REPC_IN130007UK01" }
>;
const workgroup = (xml: string) => find(parseXml(xml), "ControlActEvent/subject/WorkgroupMemberQueryResponse/subject1/workgroup")!;

describe("workgroup query response", () => {
  it("writes workgroup/code without a displayName (prohibited by the schema)", () => {
    const code = find(workgroup(buildReply(sample)), "code")!;
    expect(code.attrs).toEqual({ code: "01", codeSystem: "2.16.840.1.113883.2.1.3.2.4.17.181" });
  });

  it("keeps the displayName the schema requires on workgroupStatus/value", () => {
    expect(find(workgroup(buildReply(sample)), "subjectOf1/workgroupStatus/value")!.attrs.displayName).toBe("Open");
  });

  it("writes subjectOf and subjectOf1 with typeCode SBJ, the schema's fixed value", () => {
    const wg = workgroup(buildReply(sample));
    expect(find(wg, "subjectOf")!.attrs).toEqual({ typeCode: "SBJ" });
    expect(find(wg, "subjectOf1")!.attrs).toEqual({ typeCode: "SBJ" });
  });

  it("still reads a response whose workgroup/code carries a displayName", () => {
    const withName = buildReply(sample).replace(
      'codeSystem="2.16.840.1.113883.2.1.3.2.4.17.181"/>',
      'codeSystem="2.16.840.1.113883.2.1.3.2.4.17.181" displayName="Standard"/>',
    );
    expect(withName).toContain('displayName="Standard"');
    expect(parseReply(withName)).toEqual(sample);
  });
});
