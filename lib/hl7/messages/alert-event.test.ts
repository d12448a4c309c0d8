import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Hl7CodecError } from "@/lib/hl7/errors";
import { alertEventPayload } from "@/lib/hl7/fixtures/arbitraries";
import { fixture } from "@/lib/hl7/fixtures/load";
import { NHS_NUMBER, requestHeader, SAMPLE_REQUESTS } from "@/lib/hl7/fixtures/samples";
import { ALERT_EVENT_CHILD_ORDER, alertEventCodec, followsAlertEventOrder, makeAlertEvent } from "@/lib/hl7/messages/alert-event";
import { buildRequest, parseRequest } from "@/lib/hl7/requests";
import type { AlertEventRequest, RequestOf } from "@/lib/hl7/types";
import { validateRequest } from "@/lib/hl7/validation/validate-request";
import { ALERT_CODE_SYSTEMS } from "@/lib/hl7/vocab/alert-codes";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import { isElement } from "@/lib/hl7/xml/xml-node";
import { find } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";

/** COMT_IN000001UK01 AlertEvent (COMT_MT000001UK01), docs/domain.md §10. */
const sample = SAMPLE_REQUESTS.find((r) => r.interactionId === "COMT_IN000001UK01") as RequestOf<"COMT_IN000001UK01">;
const alertEvent = (xml: string) => find(parseXml(xml), "ControlActEvent/subject/AlertEvent")!;
const childNames = (xml: string) =>
  alertEvent(xml)
    .children.filter(isElement)
    .map((c) => c.name);

const AUTHOR = sample.payload.author;
const DEVICE = sample.payload.device;

describe("alert event codec", () => {
  it("writes AlertEvent's children in the schema's order, optional parts included", () => {
    expect(childNames(buildRequest(sample))).toEqual([...ALERT_EVENT_CHILD_ORDER]);
    expect(followsAlertEventOrder(alertEvent(buildRequest(sample)))).toBe(true);
  });

  it("leaves out the notification and the free text when the alert has none, keeping the order", () => {
    const { notification: _n, reasonText: _r, ...bare } = sample.payload;
    const xml = buildRequest({ interactionId: "COMT_IN000001UK01", header: sample.header, payload: bare });
    expect(childNames(xml)).toEqual(["code", "effectiveTime", "id", "author", "device", "reason", "recordTarget"]);
    expect(parseRequest(xml).payload).toEqual(bare);
  });

  it("the order check can fail: id first is refused", () => {
    const element = alertEvent(buildRequest(sample));
    const [code, time, id, ...rest] = element.children.filter(isElement);
    expect(followsAlertEventOrder({ ...element, children: [id!, code!, time!, ...rest] })).toBe(false);
  });

  it("uses the fixed structural attributes and the NPfIT roots for author, organisation, device and patient", () => {
    const root = alertEvent(buildRequest(sample));
    expect(root.attrs).toEqual({ classCode: "ALRT", moodCode: "EVN" });
    expect(find(root, "author")!.attrs).toEqual({ typeCode: "AUT", contextControlCode: "OP" });
    expect(find(root, "author/authorSDS/id")!.attrs).toEqual({ root: "1.2.826.0.1285.0.2.0.67", extension: AUTHOR.roleProfileId });
    expect(find(root, "author/authorSDS/assignedPerson/id")!.attrs.root).toBe("1.2.826.0.1285.0.2.0.65");
    expect(find(root, "author/authorSDS/representedOrganizationSDS/id")!.attrs).toEqual({
      root: "1.2.826.0.1285.0.1.10",
      extension: AUTHOR.organisation.odsCode,
    });
    expect(find(root, "device/assignedDeviceSDS/id")!.attrs).toEqual({ root: "1.2.826.0.1285.0.2.0.107", extension: DEVICE.asid });
    expect(find(root, "reason")!.attrs).toEqual({ typeCode: "RSON", contextConductionInd: "true" });
    expect(find(root, "component")!.attrs).toEqual({ typeCode: "COMP", contextConductionInd: "true" });
    expect(find(root, "recordTarget/patient/id")!.attrs).toEqual({ root: "2.16.840.1.113883.2.1.4.1", extension: NHS_NUMBER });
  });

  it("sits in a subject with typeCode SUBJ and contextConductionInd false, with author and author1 in the ControlActEvent", () => {
    const message = parseXml(buildRequest(sample));
    expect(find(message, "ControlActEvent/subject")!.attrs).toEqual({ typeCode: "SUBJ", contextConductionInd: "false" });
    expect(find(message, "ControlActEvent/author/AgentPersonSDS/agentPersonSDS/id")!.attrs.extension).toBe(requestHeader.author!.userId);
    expect(find(message, "ControlActEvent/author1/AgentSystemSDS/agentSystemSDS/id")!.attrs.extension).toBe(requestHeader.systemAsid);
    expect(INTERACTIONS.COMT_IN000001UK01).toMatchObject({
      service: "urn:nhs:names:services:alerts",
      pattern: "async-reliable",
      spinePath: "/reliablemessaging/reliablerequest",
      replies: ["MCCI_IN010000UK13"],
      controlAct: "MCAI_MT040101UK03",
    });
  });

  it("reads the golden fixture and refuses an AlertEvent without its reason", () => {
    expect(parseRequest(fixture("requests/COMT_IN000001UK01.xml"))).toEqual(sample);
    const element = alertEvent(fixture("requests/COMT_IN000001UK01.xml"));
    const withoutReason = { ...element, children: element.children.filter((c) => !isElement(c) || c.name !== "reason") };
    expect(() => alertEventCodec.read(withoutReason)).toThrow(Hl7CodecError);
  });

  it("round-trips any alert event payload", () => {
    fc.assert(
      fc.property(alertEventPayload, (payload: AlertEventRequest) => {
        expect(alertEventCodec.read(alertEventCodec.build(payload))).toEqual(payload);
      }),
      { numRuns: 150 },
    );
  });
});

describe("makeAlertEvent", () => {
  const base = {
    effectiveTime: "20240131115900",
    author: AUTHOR,
    device: DEVICE,
    nhsNumber: NHS_NUMBER,
  };

  it("fills upper-case UUIDs, the coded type and reason with the placeholder code systems, and a notification without patient details", () => {
    const alert = makeAlertEvent({ ...base, type: "2", reason: "5", reasonText: "Patient unconscious" });
    for (const id of [alert.alertId, alert.reason.id, alert.notification!.id, alert.reasonText!.id]) {
      expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    }
    expect(new Set([alert.alertId, alert.reason.id, alert.notification!.id, alert.reasonText!.id]).size).toBe(4);
    expect(alert.alertType).toEqual({ code: "2", codeSystem: ALERT_CODE_SYSTEMS.alertType, displayName: "Access Alert" });
    expect(alert.reason.code).toEqual({
      code: "5",
      codeSystem: ALERT_CODE_SYSTEMS.alertReason,
      displayName: "Access made in an Emergency",
    });
    expect(alert.notification!.text).toBe(`Alert: ${alert.alertId}`);
    expect(alert.notification!.text).not.toContain(NHS_NUMBER);
    expect(validateRequest({ interactionId: "COMT_IN000001UK01", header: requestHeader, payload: alert })).toEqual([]);
  });

  it("leaves out a blank free-text reason (Spine refuses an empty justifyingReasonText/text)", () => {
    expect(makeAlertEvent({ ...base, type: "1", reason: "4", reasonText: "   " }).reasonText).toBeUndefined();
    expect(makeAlertEvent({ ...base, type: "1", reason: "4" }).reasonText).toBeUndefined();
  });

  it.each([
    ["1", "5"],
    ["2", "4"],
    ["2", "6"],
    ["3", "1"],
    ["1", "7"],
  ])("refuses type %s with reason %s", (type, reason) => {
    expect(() => makeAlertEvent({ ...base, type, reason })).toThrow(Hl7CodecError);
  });
});
