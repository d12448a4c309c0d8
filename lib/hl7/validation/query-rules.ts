import type { RequestInteractionId } from "@/lib/hl7/types";
import { all, attrAt, count, first, len, type ValidationRule } from "@/lib/hl7/validation/rule-helpers";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { attr, childElements, textOf } from "@/lib/hl7/xml/xml-query";

/** Query rules (QUPC_IN010000UK32.xsl, QUPC_IN020000UK17.xsl; docs/domain.md §6.4) + SOAP envelope rules for sync. */

const CONFIRM: readonly RequestInteractionId[] = ["QUPC_IN010000UK32"];
const DETAILS: readonly RequestInteractionId[] = ["QUPC_IN020000UK17"];
const QUERIES: readonly RequestInteractionId[] = [
  "QUPC_IN010000UK32",
  "QUPC_IN020000UK17",
  "QUPC_IN090000UK03",
  "QUPC_IN010102UK01",
  "QUPC_IN041234UK01",
];
const PATIENT_QUERIES: readonly RequestInteractionId[] = ["QUPC_IN010000UK32", "QUPC_IN020000UK17", "QUPC_IN090000UK03"];

const RESPONSE_TYPE_OID: Record<string, string> = { QUPC_IN010000UK32: OIDS.confirmationRespType, QUPC_IN020000UK17: OIDS.detailsRespType };

/** All query parameters: children of query and of query/parameterList (not the list itself). */
const parameters = (query: Parameters<ValidationRule["check"]>[0]["payload"]) =>
  query ? childElements(query).flatMap((p) => (p.name === "parameterList" ? childElements(p) : [p])) : [];

export const ENVELOPE_RULES: readonly ValidationRule[] = [
  {
    name: "ErrorBaseTms.MESSAGE_NOT_WELL_FORMED",
    interactions: CONFIRM,
    description: "sync request arrives in a SOAP Envelope with Header and Body",
    needsEnvelope: true,
    check: ({ envelope }) =>
      envelope !== undefined && envelope.name === "Envelope" && count(envelope, "Header") === 1 && count(envelope, "Body") === 1,
  },
  {
    name: "ErrorBaseTms.SOAP_MESSAGE_ID_ERROR",
    interactions: CONFIRM,
    description: "wsa:MessageID exactly 41 characters (uuid: + 36)",
    needsEnvelope: true,
    check: ({ envelope }) => !envelope || len(textOf(first(envelope, "Header/MessageID"))?.trim()) === 41,
  },
  {
    name: "ErrorBaseTms.SOAP_ACTION_ERROR",
    interactions: CONFIRM,
    description: "exactly one wsa:Action",
    needsEnvelope: true,
    check: ({ envelope }) => !envelope || count(envelope, "Header/Action") === 1,
  },
  {
    name: "ErrorBaseTms.SOAP_TO_ERROR",
    interactions: CONFIRM,
    description: "non-empty wsa:To",
    needsEnvelope: true,
    check: ({ envelope }) => !envelope || len(textOf(first(envelope, "Header/To"))?.trim()) > 0,
  },
  {
    name: "ErrorBaseTms.SOAP_COMM_FUNC_RCV_ERROR",
    interactions: CONFIRM,
    description: "SOAP header communicationFunctionRcv carries an ASID",
    needsEnvelope: true,
    check: ({ envelope }) => !envelope || len(attrAt(envelope, "Header/communicationFunctionRcv/device/id", "extension")) > 0,
  },
  {
    name: "ErrorBaseTms.SOAP_COMM_FUNC_SND_ERROR",
    interactions: CONFIRM,
    description: "SOAP header communicationFunctionSnd carries an ASID",
    needsEnvelope: true,
    check: ({ envelope }) => !envelope || len(attrAt(envelope, "Header/communicationFunctionSnd/device/id", "extension")) > 0,
  },
];

export const QUERY_RULES: readonly ValidationRule[] = [
  {
    name: "ErrorBase1732.INVALID_AUTHOR",
    interactions: QUERIES,
    description: "ControlActEvent has at most one author",
    inferredName: true,
    check: ({ controlAct }) => count(controlAct, "author") <= 1,
  },
  {
    name: "ErrorBase1732.INVALID_AUTHOR1",
    interactions: QUERIES,
    description: "ControlActEvent has one or two author1",
    inferredName: true,
    check: ({ controlAct }) => count(controlAct, "author1") >= 1 && count(controlAct, "author1") <= 2,
  },
  {
    name: "ErrorBase1732.INVALID_QUERY",
    interactions: QUERIES,
    description: "exactly one non-empty query",
    inferredName: true,
    check: ({ controlAct, payload }) => count(controlAct, "query") === 1 && payload !== undefined && childElements(payload).length > 0,
  },
  {
    name: "ErrorBase1733.INVALID_OID|PatientOID",
    interactions: PATIENT_QUERIES,
    description: "patient.id value root is the NHS number OID",
    inferredName: true,
    check: ({ payload }) =>
      count(payload, "patient.id/value") > 0 && all(payload, "patient.id/value").every((v) => attr(v, "root") === OIDS.nhsNumber),
  },
  {
    name: "ErrorBase1733.INVALID_FIELD_VALUE",
    interactions: [...CONFIRM, ...DETAILS],
    description: "response.Type is 01 or 02 in ConfirmationRespType (…17.9) / DetailsRespType (…17.10)",
    check: (ctx) => {
      const value = first(ctx.payload, "response.Type/value");
      return (
        value !== undefined &&
        ["01", "02"].includes(attr(value, "code") ?? "") &&
        attr(value, "codeSystem") === RESPONSE_TYPE_OID[ctx.interactionId]
      );
    },
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[semanticsText]",
    interactions: QUERIES,
    description: "every query parameter carries a non-empty semanticsText",
    inferredName: true,
    check: ({ payload }) => parameters(payload).every((p) => len(textOf(first(p, "semanticsText"))?.trim()) > 0),
  },
  {
    name: "ErrorBase1733.INVALID_OID|UserID",
    interactions: ["QUPC_IN010000UK32", "QUPC_IN090000UK03"],
    description: "parameterList/userID root .0.65",
    inferredName: true,
    check: ({ payload }) => all(payload, "parameterList/userID/value").every((v) => attr(v, "root") === OIDS.userId),
  },
  {
    name: "ErrorBase1733.INVALID_OID|UserRoleProfileID",
    interactions: ["QUPC_IN010000UK32", "QUPC_IN090000UK03"],
    description: "parameterList/userRoleProfileID root .0.67",
    inferredName: true,
    check: ({ payload }) => all(payload, "parameterList/userRoleProfileID/value").every((v) => attr(v, "root") === OIDS.roleProfileId),
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[dissentOverride]",
    interactions: DETAILS,
    description: "dissentOverride code present with codeSystem DissentOverride (…17.60)",
    inferredName: true,
    check: ({ payload }) =>
      len(attrAt(payload, "dissentOverride/value", "code")) > 0 &&
      attrAt(payload, "dissentOverride/value", "codeSystem") === OIDS.dissentOverride,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[timePeriodStart]",
    interactions: DETAILS,
    description: "time.Period, when present, has a start (value/low or value/effectiveTime/low)",
    inferredName: true,
    check: ({ payload }) =>
      count(payload, "time.Period") === 0 ||
      len(attrAt(payload, "time.Period/value/low", "value") ?? attrAt(payload, "time.Period/value/effectiveTime/low", "value")) > 0,
  },
  {
    name: "ErrorBase1733.INVALID_REQUEST[batchSize]",
    interactions: ["QUPC_IN090000UK03"],
    description: "batch confirm carries 1 to 10 000 patients",
    inferredName: true,
    check: ({ payload }) => count(payload, "patient.id") >= 1 && count(payload, "patient.id") <= 10_000,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[userID]",
    interactions: ["QUPC_IN010102UK01"],
    description: "role-profile query has a userID with root .0.65",
    inferredName: true,
    check: ({ payload }) =>
      attrAt(payload, "userID/value", "root") === OIDS.userId && len(attrAt(payload, "userID/value", "extension")) > 0,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[workgroupCode]",
    interactions: ["QUPC_IN041234UK01"],
    description: "workgroup query has at least one workgroupCode with a value",
    inferredName: true,
    check: ({ payload }) =>
      count(payload, "workgroupCode") >= 1 && all(payload, "workgroupCode").every((w) => len(attrAt(w, "value", "extension")) > 0),
  },
];
