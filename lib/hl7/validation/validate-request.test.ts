import { describe, expect, it } from "vitest";
import { BASES, C, CASES, mutated, remove, setAttr } from "@/lib/hl7/fixtures/rule-breaking-cases";
import { SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import type { Hl7Request } from "@/lib/hl7/types";
import { VALIDATION_RULES, validateRequest } from "@/lib/hl7/validation/validate-request";
import { findAll } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

describe("valid messages pass every rule", () => {
  it.each(Object.keys(BASES))("%s", (base) => {
    expect(validateRequest(BASES[base]!(), { envelope: base === "confirmSoap" ? "require" : "if-present" })).toEqual([]);
  });
  it.each(SAMPLE_REQUESTS.map((r) => [r.interactionId, r] as const))("typed %s", (_id, request: Hl7Request) => {
    expect(validateRequest(request)).toEqual([]);
  });
});

describe("each rule refuses a message that breaks it, by Spine's symbolic name", () => {
  it.each(CASES)("%s", (rule, base, mutation) => {
    const violations = validateRequest(mutated(base, mutation)).map((v) => v.rule);
    expect(violations).toContain(rule);
  });
});

describe("rule table coverage", () => {
  it("every rule in the table has a breaking case above", () => {
    const tested = new Set(CASES.map(([rule]) => rule));
    const untested = VALIDATION_RULES.map((r) => r.name).filter((name) => !tested.has(name));
    expect(untested).toEqual([]);
  });

  it("every rule name is unique", () => {
    const names = VALIDATION_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("unreadable or foreign input", () => {
  it("unparseable text becomes MESSAGE_NOT_WELL_FORMED, never a throw", () => {
    expect(validateRequest("<nope").map((v) => v.rule)).toEqual(["ErrorBaseTms.MESSAGE_NOT_WELL_FORMED"]);
    expect(validateRequest("<!DOCTYPE x><x/>").map((v) => v.rule)).toEqual(["ErrorBaseTms.MESSAGE_NOT_WELL_FORMED"]);
  });
  it("a non-LR document is an unsupported interaction", () => {
    expect(validateRequest("<PRPA_IN000000UK01/>").map((v) => v.rule)).toEqual(["ErrorBaseTms.UNSUPPORTED_INTERACTION"]);
  });
  it("an interactionId that disagrees with the element is reported", () => {
    const xml = mutated("sc", setAttr("interactionId", "extension", "REPC_IN010000UK15"));
    expect(validateRequest(xml).map((v) => v.rule)).toContain("ErrorBase1712.INTERACTION_ID_MISMATCH");
  });
  it("a query's rules do not fire on a different interaction", () => {
    const xml = mutated("create", remove(`${C}/pertinentInformation`));
    expect(validateRequest(xml)).toEqual([]);
    expect(findAll(parseXml(xml), `${C}/pertinentInformation`)).toHaveLength(0);
  });
});
