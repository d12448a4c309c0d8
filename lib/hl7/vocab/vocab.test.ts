import { describe, expect, it } from "vitest";
import {
  ebxmlServiceAction,
  INTERACTIONS,
  interactionFromSoapAction,
  isReplyInteraction,
  isRequestInteraction,
  REQUEST_INTERACTION_IDS,
  soapActionFor,
} from "@/lib/hl7/vocab/interactions";
import { ACCESS_REASON_CODES, LR_TYPES, SC_REASON_CODES } from "@/lib/hl7/vocab/lr-codes";
import { allowedScReasons, LR_STATUS_TRANSITIONS, nextLrStatus } from "@/lib/hl7/vocab/lr-status";
import { CONFIRMATION_RESP_TYPES, DETAILS_RESP_TYPES, DISSENT_OVERRIDES, ISSUE_QUALIFIERS } from "@/lib/hl7/vocab/query-codes";
import { SPINE_ERRORS, spineError } from "@/lib/hl7/vocab/spine-errors";
import { displayNameOf, isCodeIn } from "@/lib/hl7/vocab/vocabulary";
import { WORKGROUP_STATUSES, WORKGROUP_TYPES } from "@/lib/hl7/vocab/workgroup-codes";

describe("vocabularies", () => {
  it("carry the reference code sets and display names", () => {
    expect(LR_TYPES.entries.map((e) => e.code)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]);
    expect(displayNameOf(LR_TYPES, "08")).toBe("Self Claimed Relationship");
    expect(SC_REASON_CODES.entries).toHaveLength(15);
    expect(ACCESS_REASON_CODES.entries).toHaveLength(21);
    expect(displayNameOf(CONFIRMATION_RESP_TYPES, "02")).toBe("Historic");
    expect(displayNameOf(DETAILS_RESP_TYPES, "01")).toBe("Simple");
    expect(isCodeIn(DISSENT_OVERRIDES, "0")).toBe(true);
    expect(isCodeIn(ISSUE_QUALIFIERS, "XX")).toBe(false);
    expect(displayNameOf(WORKGROUP_TYPES, "02")).toBe("Long Term Care");
    expect(displayNameOf(WORKGROUP_STATUSES, "03")).toBe("Closed");
  });

  it("classify every SC reason labelled (Freeze)/(Closure) by its label", () => {
    for (const entry of SC_REASON_CODES.entries.filter((e) => e.labelledInVocabulary)) {
      expect(entry.displayName.toLowerCase()).toContain(`(${entry.effect})`);
    }
  });
});

describe("LR status transitions (data-driven)", () => {
  it("freeze reasons move active → frozen, closure reasons → closed", () => {
    expect(nextLrStatus("active", "02")).toBe("frozen");
    expect(nextLrStatus("active", "06")).toBe("closed");
    expect(nextLrStatus("frozen", "05")).toBe("closed");
    expect(nextLrStatus("frozen", "08")).toBe("active");
  });
  it("closed is terminal and unknown reasons are refused", () => {
    for (const reason of SC_REASON_CODES.entries) expect(nextLrStatus("closed", reason.code)).toBeUndefined();
    expect(nextLrStatus("active", "99")).toBeUndefined();
    expect(allowedScReasons("closed")).toEqual([]);
  });
  it("a frozen LR cannot be frozen again", () => {
    expect(nextLrStatus("frozen", "03")).toBeUndefined();
    expect(allowedScReasons("frozen")).not.toContain("03");
  });
  it("every transition's target is a known status", () => {
    for (const t of LR_STATUS_TRANSITIONS) expect(["active", "frozen", "closed"]).toContain(t.to);
  });
});

describe("interaction catalogue", () => {
  it("gives SOAPAction and ebXML Service/Action per interaction", () => {
    expect(soapActionFor("REPC_IN010000UK15")).toBe("urn:nhs:names:services:lrs/REPC_IN010000UK15");
    expect(soapActionFor("QUPC_IN010000UK32")).toBe("urn:nhs:names:services:lrsquery/QUPC_IN010000UK32");
    expect(ebxmlServiceAction("REPC_IN130002UK01")).toEqual({ service: "urn:nhs:names:services:sds", action: "REPC_IN130002UK01" });
    expect(soapActionFor("MCCI_IN010000UK13", "urn:nhs:names:services:sds")).toBe("urn:nhs:names:services:sds/MCCI_IN010000UK13");
  });
  it("reads SOAPAction in slash, colon and quoted forms", () => {
    expect(interactionFromSoapAction("urn:nhs:names:services:lrs/REPC_IN040000UK15")).toBe("REPC_IN040000UK15");
    expect(interactionFromSoapAction("urn:nhs:names:services:lrs:REPC_IN040000UK15")).toBe("REPC_IN040000UK15");
    expect(interactionFromSoapAction('"urn:nhs:names:services:lrsquery/QUPC_IN010000UK32"')).toBe("QUPC_IN010000UK32");
    expect(interactionFromSoapAction("urn:nhs:names:services:lrs/PRPA_IN000000UK01")).toBeUndefined();
  });
  it("names an interaction only on its own service (spine-lr.md §0.4, §4); errors on any service their request used", () => {
    expect(interactionFromSoapAction("urn:nhs:names:services:lrs/QUPC_IN010000UK32")).toBeUndefined();
    expect(interactionFromSoapAction("urn:nhs:names:services:sds:REPC_IN010000UK15")).toBeUndefined();
    expect(interactionFromSoapAction("anything/REPC_IN010000UK15")).toBeUndefined();
    expect(interactionFromSoapAction("x-urn:nhs:names:services:lrs/REPC_IN010000UK15")).toBeUndefined();
    expect(interactionFromSoapAction("urn:nhs:names:services:sdsquery/QUPC_IN041234UK01")).toBe("QUPC_IN041234UK01");
    expect(interactionFromSoapAction("urn:nhs:names:services:lrsquery/MCCI_IN010000UK13")).toBe("MCCI_IN010000UK13");
    expect(interactionFromSoapAction("urn:nhs:names:services:sdsquery:QUQI_IN010000UK14")).toBe("QUQI_IN010000UK14");
  });
  it("patterns follow the reference: create/status async-reliable, confirm sync, details async-express", () => {
    expect(INTERACTIONS.REPC_IN010000UK15.pattern).toBe("async-reliable");
    expect(INTERACTIONS.REPC_IN040000UK15.pattern).toBe("async-reliable");
    expect(INTERACTIONS.QUPC_IN010000UK32.pattern).toBe("sync");
    expect(INTERACTIONS.QUPC_IN020000UK17.pattern).toBe("async-express");
  });
  it("every request lists replies that are reply interactions, success first", () => {
    expect(REQUEST_INTERACTION_IDS).toHaveLength(10);
    for (const id of REQUEST_INTERACTION_IDS) {
      expect(isRequestInteraction(id)).toBe(true);
      const replies = INTERACTIONS[id].replies;
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) expect(isReplyInteraction(r)).toBe(true);
      expect(["MCCI_IN010000UK13", "QUQI_IN010000UK14"]).toContain(replies[replies.length - 1]);
    }
  });
});

describe("Spine error catalogue", () => {
  it("has unique keys with plain-English text", () => {
    const keys = SPINE_ERRORS.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of SPINE_ERRORS) expect(e.text.length).toBeGreaterThan(5);
    expect(spineError("tmsSystemFailure")).toMatchObject({ code: "200", codeSystem: "urn:nhs:names:error:tms" });
    expect(spineError("hl7ValidationError")).toMatchObject({ code: "202", reply: "AR" });
  });
});
