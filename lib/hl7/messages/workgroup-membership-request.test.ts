import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import type { Hl7Request } from "@/lib/hl7/types";
import { LR_STATUS_CODES } from "@/lib/hl7/vocab/lr-codes";
import { PLACEHOLDER_OIDS } from "@/lib/hl7/vocab/oids";
import { IDENTIFIED_WORKGROUPS_ONLY_DEFAULT, PLACEHOLDER_CODES } from "@/lib/hl7/vocab/workgroup-codes";

/** docs/domain.md §5.2: author/originatingURP/subjectOf/identifiedWorkgroupsOnly{code, value} on every add / remove. */
describe("workgroup membership requests", () => {
  it.each(["REPC_IN130002UK01", "REPC_IN130004UK01"])("%s always carries identifiedWorkgroupsOnly with its code and value", (id) => {
    const sample = SAMPLE_REQUESTS.find((request) => request.interactionId === id) as Hl7Request;
    const xml = buildRequest(sample);
    expect(xml).toMatch(
      /<originatingURP[^>]*><id [^>]*\/><subjectOf typeCode="SBJ"><identifiedWorkgroupsOnly classCode="OBS" moodCode="EVN"><code [^>]*\/><value value="(true|false)"\/>/,
    );
  });

  it.each(["REPC_IN130002UK01", "REPC_IN130004UK01"])("%s: every participation is typeCode SBJ, the schema's value (never SUBJ)", (id) => {
    const sample = SAMPLE_REQUESTS.find((request) => request.interactionId === id) as Hl7Request;
    const payload = buildRequest(sample).split(/<(?:AddToWorkgroupRequest|RemoveFromWorkgroupRequest) /)[1]!;
    expect(payload).toMatch(/<subject typeCode="SBJ"><agentPersonSDS /);
    expect(payload).toMatch(/<originatingURP [^>]*><id [^>]*\/><subjectOf typeCode="SBJ"><identifiedWorkgroupsOnly /);
    expect(payload).not.toContain('"SUBJ"');
  });

  it("will not read a request without identifiedWorkgroupsOnly", () => {
    const withoutFlag = fixture("requests/REPC_IN130004UK01.xml").replace(
      /<subjectOf typeCode="SBJ"><identifiedWorkgroupsOnly[\s\S]*?<\/subjectOf>/,
      "",
    );
    expect(() => parseRequest(withoutFlag)).toThrow(/identifiedWorkgroupsOnly/);
  });

  it("takes the code it sends from data, and every placeholder code system sits on the 2.999 example arc, not the NHS arc", () => {
    expect(IDENTIFIED_WORKGROUPS_ONLY_DEFAULT.code).toBe(PLACEHOLDER_CODES.identifiedWorkgroupsOnly);
    const placeholderSystems = [
      ...Object.values(PLACEHOLDER_OIDS),
      ...Object.values(PLACEHOLDER_CODES).map((c) => c.codeSystem),
      LR_STATUS_CODES.codeSystem,
    ];
    for (const codeSystem of placeholderSystems) expect(codeSystem).toMatch(/^2\.999\.\d+$/);
  });
});
