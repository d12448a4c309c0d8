import { Hl7CodecError } from "@/lib/hl7/errors";
import { newMessageId } from "@/lib/hl7/message-id";
import { extensionOf, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import type { Coded } from "@/lib/hl7/types";
import { alertReasonCoded, alertTypeCoded, alertTypeReasonProblem } from "@/lib/hl7/vocab/alert-codes";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { codeEl, readChildCoded, readTs } from "@/lib/hl7/wrapper/datatypes";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { find, required, requiredAttr, textOf } from "@/lib/hl7/xml/xml-query";

/**
 * COMT_IN000001UK01 payload: AlertEvent (COMT_MT000001UK01), a privacy-officer alert
 * (docs/domain.md §10). Children in the schema's order, which the XSD enforces: code,
 * effectiveTime, id, author, component?, device, reason, reason1?, recordTarget. The ids of the
 * author, organisation and device use the NPfIT roots (role profile …0.2.0.67, user …0.2.0.65,
 * ODS …0.1.10, ASID …0.2.0.107): the schema fixes none of them (INFERRED, as the alerts reference).
 */

/** AlertEvent/author/authorSDS: who caused the alert, as SDS knows them (docs/domain.md §10). */
export interface AlertAuthor {
  /** authorSDS/id (root …0.2.0.67): the user's role profile id. */
  roleProfileId: string;
  /** assignedPerson/id (root …0.2.0.65): the SDS user id. */
  userId: string;
  /** assignedPerson/desc: the role's name, e.g. "General Medical Practitioner". */
  roleName: string;
  /** assignedPerson/name. */
  personName: string;
  /** representedOrganizationSDS/id (root …0.1.10, the ODS code) and name. */
  organisation: { odsCode: string; name: string };
}

/** An act with a mandatory upper-case UUID id and a text (notificationMessage, justifyingReasonText). */
export interface AlertText {
  id: string;
  text: string;
}

/**
 * COMT_IN000001UK01 payload: AlertEvent (COMT_MT000001UK01), a privacy-officer alert. Codes as
 * lib/hl7/vocab/alert-codes.ts (`alertTypeCoded`, `alertReasonCoded`); every id is an upper-case UUID.
 */
export interface AlertEventRequest {
  /** AlertEvent/id: the alert's own identifier. */
  alertId: string;
  /** AlertEvent/code: ALERT_TYPES. */
  alertType: Coded;
  /** AlertEvent/effectiveTime: when the access happened (HL7 TS). */
  effectiveTime: string;
  author: AlertAuthor;
  /** component/notificationMessage: the text shown when the alert is forwarded (no patient or user details). */
  notification?: AlertText;
  /** device/assignedDeviceSDS: the system the access was made on (id = ASID, root …0.2.0.107). */
  device: { asid: string; name: string };
  /** reason/justifyingReasonCoded: ALERT_REASONS, with its own id. */
  reason: { id: string; code: Coded };
  /** reason1/justifyingReasonText: what the user typed. */
  reasonText?: AlertText;
  /** recordTarget/patient/id. */
  nhsNumber: string;
}

const PSN = { classCode: "PSN", determinerCode: "INSTANCE" };
const ORG = { classCode: "ORG", determinerCode: "INSTANCE" };
const DEV = { classCode: "DEV", determinerCode: "INSTANCE" };
const ACT_EVN = { classCode: "ACT", moodCode: "EVN" };

const textAct = (name: string, act: AlertText) => el(name, ACT_EVN, el("id", { root: act.id }), el("text", {}, act.text));

function readTextAct(act: XmlElement): AlertText {
  return { id: requiredAttr(required(act, "id"), "root", `${act.name}/id`), text: textOf(required(act, "text")) ?? "" };
}

export const alertEventCodec: PayloadCodec<AlertEventRequest> = {
  build(p) {
    const a = p.author;
    return el(
      "AlertEvent",
      { classCode: "ALRT", moodCode: "EVN" },
      codeEl("code", p.alertType),
      el("effectiveTime", { value: p.effectiveTime }),
      el("id", { root: p.alertId }),
      el(
        "author",
        { typeCode: "AUT", contextControlCode: "OP" },
        el(
          "authorSDS",
          { classCode: "ASSIGNED" },
          el("id", { root: OIDS.roleProfileId, extension: a.roleProfileId }),
          el(
            "assignedPerson",
            PSN,
            el("desc", {}, a.roleName),
            el("id", { root: OIDS.userId, extension: a.userId }),
            el("name", {}, a.personName),
          ),
          el(
            "representedOrganizationSDS",
            ORG,
            el("id", { root: OIDS.odsOrganisation, extension: a.organisation.odsCode }),
            el("name", {}, a.organisation.name),
          ),
        ),
      ),
      p.notification
        ? el("component", { typeCode: "COMP", contextConductionInd: "true" }, textAct("notificationMessage", p.notification))
        : undefined,
      el(
        "device",
        { typeCode: "DEV", contextControlCode: "OP" },
        el(
          "assignedDeviceSDS",
          { classCode: "ASSIGNED" },
          el("id", { root: OIDS.asid, extension: p.device.asid }),
          el("assignedDevice", DEV, el("name", {}, p.device.name)),
        ),
      ),
      el(
        "reason",
        { typeCode: "RSON", contextConductionInd: "true" },
        el("justifyingReasonCoded", ACT_EVN, codeEl("code", p.reason.code), el("id", { root: p.reason.id })),
      ),
      p.reasonText
        ? el("reason1", { typeCode: "RSON", contextConductionInd: "true" }, textAct("justifyingReasonText", p.reasonText))
        : undefined,
      el(
        "recordTarget",
        { typeCode: "RCT", contextControlCode: "OP" },
        el("patient", { classCode: "PAT" }, el("id", { root: OIDS.nhsNumber, extension: p.nhsNumber })),
      ),
    );
  },
  read(root) {
    const authorSds = required(root, "author/authorSDS");
    const person = required(authorSds, "assignedPerson");
    const org = required(authorSds, "representedOrganizationSDS");
    const deviceSds = required(root, "device/assignedDeviceSDS");
    const reasonCoded = required(root, "reason/justifyingReasonCoded");
    const alert: AlertEventRequest = {
      alertId: requiredAttr(required(root, "id"), "root", "AlertEvent/id"),
      alertType: readChildCoded(root, "code"),
      effectiveTime: readTs(root, "effectiveTime"),
      author: {
        roleProfileId: extensionOf(authorSds, "id"),
        userId: extensionOf(person, "id"),
        roleName: textOf(required(person, "desc")) ?? "",
        personName: textOf(required(person, "name")) ?? "",
        organisation: { odsCode: extensionOf(org, "id"), name: textOf(required(org, "name")) ?? "" },
      },
      device: { asid: extensionOf(deviceSds, "id"), name: textOf(required(deviceSds, "assignedDevice/name")) ?? "" },
      reason: {
        id: requiredAttr(required(reasonCoded, "id"), "root", "justifyingReasonCoded/id"),
        code: readChildCoded(reasonCoded, "code"),
      },
      nhsNumber: extensionOf(root, "recordTarget/patient/id"),
    };
    const notification = find(root, "component/notificationMessage");
    if (notification) alert.notification = readTextAct(notification);
    const reasonText = find(root, "reason1/justifyingReasonText");
    if (reasonText) alert.reasonText = readTextAct(reasonText);
    return alert;
  },
};

/** The element order the schema enforces (used by tests and the README). */
export const ALERT_EVENT_CHILD_ORDER = [
  "code",
  "effectiveTime",
  "id",
  "author",
  "component",
  "device",
  "reason",
  "reason1",
  "recordTarget",
] as const;

/** True when an AlertEvent element's children follow the schema's order (absent optional ones allowed). */
export function followsAlertEventOrder(alertEvent: XmlElement): boolean {
  const positions = alertEvent.children
    .filter((c): c is XmlElement => typeof c !== "string")
    .map((c) => (ALERT_EVENT_CHILD_ORDER as readonly string[]).indexOf(c.name));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)));
}

export interface NewAlertEvent {
  /** ALERT_TYPES code: "1" self-claimed LR, "2" access alert. */
  type: string;
  /** ALERT_REASONS code ("1"–"6"); the rejected pairs are refused. */
  reason: string;
  /** What the user typed; blank is left out (Spine refuses an empty text). */
  reasonText?: string;
  /** HL7 TS of the access. */
  effectiveTime: string;
  author: AlertAuthor;
  device: { asid: string; name: string };
  nhsNumber: string;
  /** Defaults to a fresh upper-case UUID. */
  alertId?: string;
  /** Defaults to "Alert: <alertId>": a notification carries no patient or user details, only the alert's reference. */
  notificationText?: string;
}

/**
 * A ready-to-send AlertEvent payload: fresh upper-case UUIDs for the alert, its reason, notification
 * and free text; type and reason coded from the vocabularies. Throws Hl7CodecError("invalid_input")
 * for a code outside them or a rejected type/reason pair (REJECTED_ALERT_TYPE_REASONS).
 */
export function makeAlertEvent(input: NewAlertEvent): AlertEventRequest {
  const problem = alertTypeReasonProblem(input.type, input.reason);
  if (problem) throw new Hl7CodecError("invalid_input", problem);
  const alertId = input.alertId ?? newMessageId();
  const reasonText = input.reasonText?.trim();
  return {
    alertId,
    alertType: alertTypeCoded(input.type),
    effectiveTime: input.effectiveTime,
    author: input.author,
    notification: { id: newMessageId(), text: input.notificationText ?? `Alert: ${alertId}` },
    device: input.device,
    reason: { id: newMessageId(), code: alertReasonCoded(input.reason) },
    ...(reasonText ? { reasonText: { id: newMessageId(), text: reasonText } } : {}),
    nhsNumber: input.nhsNumber,
  };
}
