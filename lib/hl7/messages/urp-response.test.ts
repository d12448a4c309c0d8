import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REPLIES } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import type { Hl7Reply } from "@/lib/hl7/types";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/** URPIDResponse (docs/domain.md §5.3): schema order and the mandatory representedOrganizationSDS{…, name}. */
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

  it("always writes representedOrganizationSDS with a name, even for a role profile without an ODS id", () => {
    const reply = {
      ...sample,
      payload: {
        userId: sample.payload.userId,
        roleProfiles: [{ roleProfileId: "900000000103", organizationName: "Synthetic Practice", workgroups: [] }],
      },
    };
    expect(buildReply(reply)).toMatch(
      /<representedOrganizationSDS classCode="ORG" determinerCode="INSTANCE"><name>Synthetic Practice<\/name><\/representedOrganizationSDS>/,
    );
  });

  it("will not read a role profile without representedOrganizationSDS", () => {
    const without = fixture("replies/QUPC_IN010103UK01.xml").replace(
      /<hl7:representedOrganizationSDS[^>]*><hl7:name>Synthetic Practice<\/hl7:name><\/hl7:representedOrganizationSDS>/,
      "",
    );
    expect(without).not.toContain("Synthetic Practice");
    expect(() => parseReply(without)).toThrow(/representedOrganizationSDS/);
  });
});
