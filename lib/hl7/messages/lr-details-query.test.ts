import { describe, expect, it } from "vitest";
import { fixture } from "@/lib/hl7/fixtures/load";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import type { Hl7Request } from "@/lib/hl7/types";
import { validateRequest } from "@/lib/hl7/validation/validate-request";

/** time.Period (docs/domain.md §5.2, §6.4): written where Spine's validator reads it, read in either form. */
const sample = SAMPLE_REQUESTS.find((request) => request.interactionId === "QUPC_IN020000UK17") as Extract<
  Hl7Request,
  { interactionId: "QUPC_IN020000UK17" }
>;

describe("LR details query time.Period", () => {
  it("is written as value/effectiveTime/low|high, the path Spine's validator reads the start from", () => {
    const xml = buildRequest(sample);
    expect(xml).toMatch(/<time\.Period><value><effectiveTime><low value="\d{14}"\/><high value="\d{14}"\/><\/effectiveTime><\/value>/);
    expect(validateRequest(xml, { envelope: "if-present" })).toEqual([]);
  });

  it("is read from both value/effectiveTime/low and plain value/low", () => {
    const written = fixture("requests/QUPC_IN020000UK17.xml");
    const plain = written.replace(/<value><effectiveTime>(.*?)<\/effectiveTime><\/value>/, "<value>$1</value>");
    expect(plain).not.toContain("<effectiveTime>");
    for (const xml of [written, plain]) expect(parseRequest(xml)).toMatchObject({ payload: { timePeriod: sample.payload.timePeriod } });
  });
});
