import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REPLIES } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import type { Hl7Reply } from "@/lib/hl7/types";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/** URPIDResponse (docs/domain.md §5.3): schema order and the mandatory representedOrganizationSDS{id, name} and part2. */
const sample = SAMPLE_REPLIES.find((reply) => reply.interactionId === "QUPC_IN010103UK01") as Extract<
  Hl7Reply,
  { interactionId: "QUPC_IN010103UK01" }
>;

describe("URPIDResponse", () => {
  it("writes id, representedOrganizationSDS, part2/partSDSRole/code, then part1 in each playedAgentPersonSDS", () => {
    const person = find(
      parseXml(buildReply(sample)),
      "ControlActEvent/subject/URPIDResponse/subject/identifiedUser/identifiedPersonSDS/playedAgentPersonSDS",
    );
    const order = (person?.children ?? []).flatMap((node) => (typeof node === "string" ? [] : [node.name]));
    expect(order).toEqual(["id", "representedOrganizationSDS", "part2", "part1"]);
  });

  it("always writes representedOrganizationSDS{id, name} and part2 (mandatory in REPC_MT130002UK01), nulled when the profile has no ODS id or job role", () => {
    const roleProfiles = [
      { roleProfileId: "900000000103", organizationName: "Synthetic Practice", workgroups: [{ workgroupId: "900000000203" }] },
    ];
    const reply = { ...sample, payload: { userId: sample.payload.userId, roleProfiles } };
    const xml = buildReply(reply);
    expect(xml).toContain(
      '<representedOrganizationSDS classCode="ORG" determinerCode="INSTANCE"><id nullFlavor="NI"/><name>Synthetic Practice</name></representedOrganizationSDS>' +
        '<part2 typeCode="PART"><partSDSRole classCode="ROL"><code nullFlavor="NI"/></partSDSRole></part2>',
    );
    expect(xml).toContain('<id root="1.2.826.0.1285.0.2.0.109" extension="900000000203"/><name nullFlavor="NI"/>');
    expect(parseReply(xml)).toEqual(reply);
  });

  it("will not read a role profile without representedOrganizationSDS", () => {
    const without = fixture("replies/QUPC_IN010103UK01.xml").replace(
      /<hl7:representedOrganizationSDS[^>]*><hl7:id nullFlavor="NI"\/><hl7:name>Synthetic Practice<\/hl7:name><\/hl7:representedOrganizationSDS>/,
      "",
    );
    expect(without).not.toContain("Synthetic Practice");
    expect(() => parseReply(without)).toThrow(/representedOrganizationSDS/);
  });
});
