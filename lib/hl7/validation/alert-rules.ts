import type { RequestInteractionId } from "@/lib/hl7/types";
import { all, count, type RuleContext, type ValidationRule } from "@/lib/hl7/validation/rule-helpers";
import { ALERT_REASONS, ALERT_TYPES, isAllowedAlertTypeReason } from "@/lib/hl7/vocab/alert-codes";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { isCodeIn } from "@/lib/hl7/vocab/vocabulary";
import { isElement, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr } from "@/lib/hl7/xml/xml-query";

/**
 * Spine 2's alert rules (spine2_xslt/COMT_MT000001UK01.xsl, docs/domain.md §10), one entry per
 * `***fault|…***` the stylesheet can emit, with its exact fault string
 * `ErrorBaseTms.ALERT_INVALID_INPUT[<tag>]`. They check presence and non-empty values only (XPath
 * string-length > 0 and counts), plus a 10-character NHS number under the NHS-number root; no code,
 * OID or check-digit checks.
 *
 * A rule whose context element is absent does not fire (Schematron): `checkNotificationMessage:*`
 * says nothing about an alert without a notification, and a missing AlertEvent is
 * `checkRoot:alertEvent` alone. Spine's `checkRoot` rules fire once per element of the document (their
 * context is `*`), so Spine repeats the same fault many times; this table reports each rule once.
 *
 * Two LR Manager rules follow them (names `LRManager.*`, not Spine's): the alert type and reason come
 * from ALERT_TYPES / ALERT_REASONS, and a type/reason pair the SCR API refuses is refused here too.
 */

const COMT: readonly RequestInteractionId[] = ["COMT_IN000001UK01"];

/** Prefix of every Spine alert fault string. */
export const ALERT_FAULT_PREFIX = "ErrorBaseTms.ALERT_INVALID_INPUT";

export const alertFault = (tag: string): string => `${ALERT_FAULT_PREFIX}[${tag}]`;

/** True for the fault strings of Spine's alert stylesheet (the simulator answers them with an AE). */
export const isAlertFault = (rule: string): boolean => rule.startsWith(`${ALERT_FAULT_PREFIX}[`);

const CA = "ControlActEvent";
const ALERT = `${CA}/subject/AlertEvent`;

/** XPath string-value of the first node at `path` (text of the element and all its descendants). */
function stringValue(element: XmlElement | undefined): string {
  if (!element) return "";
  return element.children.map((c) => (isElement(c) ? stringValue(c) : c)).join("");
}

const firstAt = (element: XmlElement, path: string): XmlElement | undefined => all(element, path)[0];

/** string-length(path/@name) > 0 */
const hasAttr = (path: string, name: string) => (element: XmlElement) => (attr(firstAt(element, path), name) ?? "").length > 0;

/** string-length(path) > 0 */
const hasText = (path: string) => (element: XmlElement) => stringValue(firstAt(element, path)).length > 0;

const exactlyOne = (path: string) => (element: XmlElement) => count(element, path) === 1;
const atMostOne = (path: string) => (element: XmlElement) => count(element, path) <= 1;

/** A Schematron rule: `check` runs on every element at `context` (below the message); none there = pass. */
function rule(tag: string, context: string, description: string, check: (element: XmlElement) => boolean): ValidationRule {
  return {
    name: alertFault(tag),
    interactions: COMT,
    description,
    check: ({ message }: RuleContext) => (context === "" ? check(message) : all(message, context).every(check)),
  };
}

const AGENT_PERSON = `${CA}/author/AgentPersonSDS`;
const AGENT_SYSTEM = `${CA}/author1/AgentSystemSDS`;
const REASON_CODED = `${ALERT}/reason/justifyingReasonCoded`;
const REASON_TEXT = `${ALERT}/reason1/justifyingReasonText`;
const NOTIFICATION = `${ALERT}/component/notificationMessage`;
const PATIENT = `${ALERT}/recordTarget/patient`;
const AUTHOR_SDS = `${ALERT}/author/authorSDS`;
const DEVICE_SDS = `${ALERT}/device/assignedDeviceSDS`;

export const ALERT_RULES: readonly ValidationRule[] = [
  // M1: the root (context "*": Spine reports these once per element).
  rule("checkRoot:agentPersonSDS", "", "exactly one ControlActEvent/author/AgentPersonSDS (required here, optional in the schema)", (m) =>
    exactlyOne(AGENT_PERSON)(m),
  ),
  rule("checkRoot:agentSystemSDS", "", "exactly one ControlActEvent/author1/AgentSystemSDS", (m) => exactlyOne(AGENT_SYSTEM)(m)),
  rule("checkRoot:alertEvent", "", "exactly one ControlActEvent/subject/AlertEvent", (m) => exactlyOne(ALERT)(m)),
  // M2, M3: the ControlActEvent authors.
  rule(
    "checkAgentPerson:id",
    AGENT_PERSON,
    "the acting user's id (agentPersonSDS/id/@extension) is not empty",
    hasAttr("agentPersonSDS/id", "extension"),
  ),
  rule(
    "checkAgentSystem:id",
    AGENT_SYSTEM,
    "the sending system's ASID (agentSystemSDS/id/@extension) is not empty",
    hasAttr("agentSystemSDS/id", "extension"),
  ),
  // M4: AlertEvent.
  rule("checkAlertEvent:id", ALERT, "AlertEvent/id/@root is not empty", hasAttr("id", "root")),
  rule("checkAlertEvent:code:code", ALERT, "the alert type (AlertEvent/code/@code) is not empty", hasAttr("code", "code")),
  rule("checkAlertEvent:code:codeSystem", ALERT, "AlertEvent/code/@codeSystem is not empty", hasAttr("code", "codeSystem")),
  rule("checkAlertEvent:effectiveTime", ALERT, "AlertEvent/effectiveTime/@value is not empty", hasAttr("effectiveTime", "value")),
  rule(
    "checkAlertEvent:justifyingReasonCoded",
    ALERT,
    "exactly one reason/justifyingReasonCoded",
    exactlyOne("reason/justifyingReasonCoded"),
  ),
  rule(
    "checkAlertEvent:justifyingReasonText",
    ALERT,
    "at most one reason1/justifyingReasonText",
    atMostOne("reason1/justifyingReasonText"),
  ),
  rule(
    "checkAlertEvent:notificationMessage",
    ALERT,
    "at most one component/notificationMessage",
    atMostOne("component/notificationMessage"),
  ),
  rule("checkAlertEvent:patient", ALERT, "exactly one recordTarget/patient", exactlyOne("recordTarget/patient")),
  rule("checkAlertEvent:authorSDS", ALERT, "exactly one author/authorSDS", exactlyOne("author/authorSDS")),
  rule("checkAlertEvent:assignedDeviceSDS", ALERT, "exactly one device/assignedDeviceSDS", exactlyOne("device/assignedDeviceSDS")),
  // M5–M7: the reason, the free text, the notification.
  rule(
    "checkJustifyingReasonCoded:code:code",
    REASON_CODED,
    "the alert reason (justifyingReasonCoded/code/@code) is not empty",
    hasAttr("code", "code"),
  ),
  rule(
    "checkJustifyingReasonCoded:code:codeSystem",
    REASON_CODED,
    "justifyingReasonCoded/code/@codeSystem is not empty",
    hasAttr("code", "codeSystem"),
  ),
  rule("checkJustifyingReasonCoded:id", REASON_CODED, "justifyingReasonCoded/id/@root is not empty", hasAttr("id", "root")),
  rule("checkJustifyingReasonText:id", REASON_TEXT, "justifyingReasonText/id/@root is not empty", hasAttr("id", "root")),
  rule("checkJustifyingReasonText:text", REASON_TEXT, "the free-text reason (justifyingReasonText/text) is not empty", hasText("text")),
  rule("checkNotificationMessage:id", NOTIFICATION, "notificationMessage/id/@root is not empty", hasAttr("id", "root")),
  rule("checkNotificationMessage:text", NOTIFICATION, "notificationMessage/text is not empty", hasText("text")),
  // M8: the patient.
  rule("checkPatient:nhsNumber", PATIENT, "the patient's id under the NHS-number root has a 10-character extension", (patient) => {
    const id = all(patient, "id").find((i) => attr(i, "root") === OIDS.nhsNumber);
    return (attr(id, "extension") ?? "").length === 10;
  }),
  // M9: who caused the alert.
  rule(
    "checkAuthorSDS:representedOrganizationSDS:id:root",
    AUTHOR_SDS,
    "the organisation id root is not empty",
    hasAttr("representedOrganizationSDS/id", "root"),
  ),
  rule(
    "checkAuthorSDS:representedOrganizationSDS:id:extension",
    AUTHOR_SDS,
    "the organisation's ODS code (representedOrganizationSDS/id/@extension) is not empty",
    hasAttr("representedOrganizationSDS/id", "extension"),
  ),
  rule(
    "checkAuthorSDS:representedOrganizationSDS:name",
    AUTHOR_SDS,
    "the organisation's name is not empty",
    hasText("representedOrganizationSDS/name"),
  ),
  rule(
    "checkAuthorSDS:assignedPerson:desc",
    AUTHOR_SDS,
    "the user's role name (assignedPerson/desc) is not empty",
    hasText("assignedPerson/desc"),
  ),
  rule("checkAuthorSDS:assignedPerson:id:root", AUTHOR_SDS, "assignedPerson/id/@root is not empty", hasAttr("assignedPerson/id", "root")),
  rule(
    "checkAuthorSDS:assignedPerson:id:extension",
    AUTHOR_SDS,
    "the user id (assignedPerson/id/@extension) is not empty",
    hasAttr("assignedPerson/id", "extension"),
  ),
  rule(
    "checkAuthorSDS:assignedPerson:name",
    AUTHOR_SDS,
    "the user's name (assignedPerson/name) is not empty",
    hasText("assignedPerson/name"),
  ),
  // M10: the device.
  rule("checkAssignedDeviceSDS:name", DEVICE_SDS, "the device name (assignedDevice/name) is not empty", hasText("assignedDevice/name")),
  // LR Manager's own rules (not Spine's): codes from the vocabularies, rejected pairs refused.
  {
    name: "LRManager.ALERT_CODE_UNKNOWN",
    interactions: COMT,
    description:
      "the alert type is a code of ALERT_TYPES and the reason a code of ALERT_REASONS (LR Manager's rule; Spine binds no vocabulary)",
    inferredName: true,
    check: ({ message }) =>
      all(message, ALERT).every((alert) => {
        const type = attr(firstAt(alert, "code"), "code");
        const reason = attr(firstAt(alert, "reason/justifyingReasonCoded/code"), "code");
        return (type === undefined || isCodeIn(ALERT_TYPES, type)) && (reason === undefined || isCodeIn(ALERT_REASONS, reason));
      }),
  },
  {
    name: "LRManager.ALERT_TYPE_REASON_REJECTED",
    interactions: COMT,
    description: "the alert type and reason are not one of the pairs the SCR API refuses: (1,5), (2,4), (2,6) (LR Manager's rule)",
    inferredName: true,
    check: ({ message }) =>
      all(message, ALERT).every((alert) => {
        const type = attr(firstAt(alert, "code"), "code");
        const reason = attr(firstAt(alert, "reason/justifyingReasonCoded/code"), "code");
        if (type === undefined || reason === undefined || !isCodeIn(ALERT_TYPES, type) || !isCodeIn(ALERT_REASONS, reason)) return true;
        return isAllowedAlertTypeReason(type, reason);
      }),
  },
];
