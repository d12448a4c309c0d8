import type { RequestInteractionId } from "@/lib/hl7/types";
import { all, attrAt, count, first, len, type RuleContext, roleUnder, type ValidationRule } from "@/lib/hl7/validation/rule-helpers";
import { OIDS } from "@/lib/hl7/vocab/oids";
import type { XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr } from "@/lib/hl7/xml/xml-query";

/** Create LR (REPC_IN010000UK15.xsl) and status change (REPC_IN040000UK15.xsl) rules, docs/domain.md §6.2, §6.3. */

const CREATE: readonly RequestInteractionId[] = ["REPC_IN010000UK15"];
const SC: readonly RequestInteractionId[] = ["REPC_IN040000UK15"];
const BOTH: readonly RequestInteractionId[] = ["REPC_IN010000UK15", "REPC_IN040000UK15"];

/** Cardinalities per payload: [path, min, max]. */
const CARDINALITY: Record<string, readonly [string, number, number][]> = {
  REPC_IN010000UK15: [
    ["reasonCode", 1, 1],
    ["subject", 1, 1],
    ["recordTarget", 1, 1],
    ["author", 1, 1],
    ["effectiveTime", 0, 1],
    ["pertinentInformation", 0, 1],
    ["reason", 0, 1],
  ],
  REPC_IN040000UK15: [
    ["reasonCode", 1, 1],
    ["recordTarget", 1, 1],
    ["author", 1, 1],
    ["pertinentInformation", 1, 1],
  ],
};

const EXPECTED_REASON_OID: Record<string, string> = { REPC_IN010000UK15: OIDS.lrType, REPC_IN040000UK15: OIDS.scReasonCode };

const patientId = (ctx: RuleContext) => first(ctx.payload, "recordTarget/patient/id");
const subjectRole = (ctx: RuleContext) => roleUnder(ctx.payload, "subject");
const authorRole = (ctx: RuleContext) => roleUnder(ctx.payload, "author");
const isPersonAuthor = (role: XmlElement | undefined) => role?.name === "AgentPerson" || role?.name === "AgentPersonSDS";
const isUserSubject = (ctx: RuleContext) => subjectRole(ctx)?.name === "AgentPersonSDS";
const isWorkgroupSubject = (ctx: RuleContext) => subjectRole(ctx)?.name === "AgentOrgSDS";

/** Check only when the condition holds (a rule about users says nothing about workgroups). */
const when = (condition: (ctx: RuleContext) => boolean, check: (ctx: RuleContext) => boolean) => (ctx: RuleContext) =>
  !condition(ctx) || check(ctx);

export const UPDATE_RULES: readonly ValidationRule[] = [
  {
    name: "ErrorBase1733.INVALID_REQUEST[missingCreateRequest]",
    interactions: CREATE,
    description: "ControlActEvent/subject/CreateRequest present",
    check: ({ payload }) => payload !== undefined,
  },
  {
    name: "ErrorBase1733.INVALID_REQUEST[missingSCRequest]",
    interactions: SC,
    description: "exactly one ControlActEvent/subject/SCRequest",
    inferredName: true,
    check: ({ payload, controlAct }) => payload !== undefined && count(controlAct, "subject/SCRequest") === 1,
  },
  {
    name: "ErrorBase1733.INVALID_REQUEST[cardinality]",
    interactions: BOTH,
    description: "payload children within their schema cardinalities",
    inferredName: true,
    check: (ctx) =>
      !ctx.payload ||
      (CARDINALITY[ctx.interactionId] ?? []).every(([path, min, max]) => {
        const n = count(ctx.payload, path);
        return n >= min && n <= max;
      }),
  },
  {
    name: "ErrorBase1712.REASONCODE_OID",
    interactions: BOTH,
    description: "reasonCode codeSystem is LRType (…16.11) for create, SCReasonCode (…16.22) for status change",
    check: (ctx) => !ctx.payload || attrAt(ctx.payload, "reasonCode", "codeSystem") === EXPECTED_REASON_OID[ctx.interactionId],
  },
  {
    name: "ErrorBase1712.LR_TYPE_EMPTY",
    interactions: CREATE,
    description: "LR type code non-empty",
    check: ({ payload }) => !payload || len(attrAt(payload, "reasonCode", "code")) > 0,
  },
  {
    name: "ErrorBase1712.INVALID_LRTYPE",
    interactions: CREATE,
    description: "LR type code exactly 2 characters",
    check: ({ payload }) =>
      !payload || len(attrAt(payload, "reasonCode", "code")) === 0 || len(attrAt(payload, "reasonCode", "code")) === 2,
  },
  {
    name: "ErrorBase1712.INVALID_SUBJECT_ELEMENT[eitherUserOrWorkgroup]",
    interactions: CREATE,
    description: "subject is exactly one of AgentPersonSDS (user) or AgentOrgSDS (workgroup)",
    check: ({ payload }) => !payload || count(payload, "subject/AgentPersonSDS") + count(payload, "subject/AgentOrgSDS") === 1,
  },
  {
    name: "ErrorBase1712.INVALID_SUBJECT_URPID_MISSING",
    interactions: CREATE,
    description: "user subject has a role-profile id (.67)",
    check: when(
      isUserSubject,
      (ctx) => first(subjectRole(ctx), "id") !== undefined && attrAt(subjectRole(ctx), "id", "root") === OIDS.roleProfileId,
    ),
  },
  {
    name: "ErrorBase1712.URPID_EMPTY",
    interactions: CREATE,
    description: "user subject role-profile id non-empty",
    check: when(isUserSubject, (ctx) => !first(subjectRole(ctx), "id") || len(attrAt(subjectRole(ctx), "id", "extension")) > 0),
  },
  {
    name: "ErrorBase1712.URPID_TOO_LONG",
    interactions: CREATE,
    description: "user subject role-profile id at most 12 characters",
    check: when(isUserSubject, (ctx) => len(attrAt(subjectRole(ctx), "id", "extension")) <= 12),
  },
  {
    name: "ErrorBase1712.INVALID_SUBJECT_USER_ID_MISSING",
    interactions: CREATE,
    description: "user subject has a user id (.65)",
    check: when(
      isUserSubject,
      (ctx) =>
        attrAt(subjectRole(ctx), "agentPersonSDS/id", "root") === OIDS.userId &&
        len(attrAt(subjectRole(ctx), "agentPersonSDS/id", "extension")) > 0,
    ),
  },
  {
    name: "ErrorBase1712.USER_ID_TOO_LONG",
    interactions: CREATE,
    description: "user subject user id at most 12 characters",
    check: when(isUserSubject, (ctx) => len(attrAt(subjectRole(ctx), "agentPersonSDS/id", "extension")) <= 12),
  },
  {
    name: "ErrorBase1712.WORKGROUP_ID_EMPTY",
    interactions: CREATE,
    description: "workgroup subject has agentOrganizationSDS/id with root .0.2.0.109 or ODS .0.1.10 and a non-empty extension",
    check: when(isWorkgroupSubject, (ctx) => {
      const root = attrAt(subjectRole(ctx), "agentOrganizationSDS/id", "root");
      return (
        (root === OIDS.sdsOrganisation || root === OIDS.odsOrganisation) &&
        len(attrAt(subjectRole(ctx), "agentOrganizationSDS/id", "extension")) > 0
      );
    }),
  },
  {
    name: "ErrorBase1712.WORKGROUP_ID_TOO_LONG",
    interactions: CREATE,
    description: "workgroup id at most 12 characters",
    check: when(isWorkgroupSubject, (ctx) => len(attrAt(subjectRole(ctx), "agentOrganizationSDS/id", "extension")) <= 12),
  },
  {
    name: "ErrorBase1712.INVALID_SUBJECT_WORKGROUP_URPID",
    interactions: CREATE,
    description: "optional AgentOrgSDS/id has root .67 and exactly 12 characters",
    inferredName: true,
    check: when(isWorkgroupSubject, (ctx) => {
      const id = first(subjectRole(ctx), "id");
      return !id || (attr(id, "root") === OIDS.roleProfileId && len(attr(id, "extension")) === 12);
    }),
  },
  {
    name: "ErrorBase1712.PATIENT_ID_EMPTY",
    interactions: BOTH,
    description: "patient NHS number present and non-empty",
    check: (ctx) => !ctx.payload || len(attr(patientId(ctx), "extension")) > 0,
  },
  {
    name: "ErrorBase1712.PATIENT_ID_TOO_LONG",
    interactions: BOTH,
    description: "patient NHS number at most 10 characters",
    check: (ctx) => len(attr(patientId(ctx), "extension")) <= 10,
  },
  {
    name: "ErrorBase1712.PATIENT_ID_LENGTH",
    interactions: SC,
    description: "status change: patient NHS number exactly 10 characters",
    inferredName: true,
    check: (ctx) => !patientId(ctx) || len(attr(patientId(ctx), "extension")) === 10 || len(attr(patientId(ctx), "extension")) === 0,
  },
  {
    name: "ErrorBase1712.INVALID_OID|PatientOID",
    interactions: BOTH,
    description: "patient id root is the NHS number OID",
    check: (ctx) => !patientId(ctx) || attr(patientId(ctx), "root") === OIDS.nhsNumber,
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_SYSTEM_MISSING",
    interactions: BOTH,
    description: "author is exactly one of a person or a system (AgentDeviceSDS)",
    check: (ctx) => {
      if (!ctx.payload) return true;
      const person = ctx.interactionId === "REPC_IN010000UK15" ? "author/AgentPerson" : "author/AgentPersonSDS";
      return count(ctx.payload, person) + count(ctx.payload, "author/AgentDeviceSDS") === 1;
    },
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_URPID_MISSING",
    interactions: BOTH,
    description: "person author has a role-profile id with root .67",
    check: when(
      (ctx) => isPersonAuthor(authorRole(ctx)),
      (ctx) => attrAt(authorRole(ctx), "id", "root") === OIDS.roleProfileId && len(attrAt(authorRole(ctx), "id", "extension")) > 0,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_URPID_TOO_LONG",
    interactions: BOTH,
    description: "person author role-profile id at most 12 characters",
    check: when(
      (ctx) => isPersonAuthor(authorRole(ctx)),
      (ctx) => len(attrAt(authorRole(ctx), "id", "extension")) <= 12,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_ID_MISSING",
    interactions: BOTH,
    description: "person author has a user id with root .65",
    check: when(
      (ctx) => isPersonAuthor(authorRole(ctx)),
      (ctx) =>
        attrAt(authorRole(ctx), "agentPersonSDS/id", "root") === OIDS.userId &&
        len(attrAt(authorRole(ctx), "agentPersonSDS/id", "extension")) > 0,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_ID_TOO_LONG",
    interactions: CREATE,
    description: "create: person author user id at most 12 characters",
    check: when(
      (ctx) => isPersonAuthor(authorRole(ctx)),
      (ctx) => len(attrAt(authorRole(ctx), "agentPersonSDS/id", "extension")) <= 12,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_USER_ID_LENGTH",
    interactions: SC,
    description: "status change: person author user id exactly 12 characters",
    inferredName: true,
    check: when(
      (ctx) => isPersonAuthor(authorRole(ctx)),
      (ctx) => len(attrAt(authorRole(ctx), "agentPersonSDS/id", "extension")) === 12,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_OID|RepresentedOrganizationOID",
    interactions: CREATE,
    description: "author representedOrganization ids have root .0.2.0.109",
    inferredName: true,
    check: (ctx) => all(authorRole(ctx), "representedOrganization/id").every((id) => attr(id, "root") === OIDS.sdsOrganisation),
  },
  {
    name: "ErrorBase1712.INVALID_AUTHOR_SYSTEM_DEVID_MISSING",
    interactions: BOTH,
    description: "system author has agentDeviceSDS/id",
    check: when(
      (ctx) => authorRole(ctx)?.name === "AgentDeviceSDS",
      (ctx) => first(authorRole(ctx), "agentDeviceSDS/id") !== undefined,
    ),
  },
  {
    name: "ErrorBase1712.SYSTEM_ID_EMPTY",
    interactions: BOTH,
    description: "system author ASID non-empty",
    check: when(
      (ctx) => first(authorRole(ctx), "agentDeviceSDS/id") !== undefined && authorRole(ctx)?.name === "AgentDeviceSDS",
      (ctx) => len(attrAt(authorRole(ctx), "agentDeviceSDS/id", "extension")) > 0,
    ),
  },
  {
    name: "ErrorBase1712.SYSTEM_ID_TOO_LONG",
    interactions: BOTH,
    description: "system author ASID at most 12 characters",
    check: when(
      (ctx) => authorRole(ctx)?.name === "AgentDeviceSDS",
      (ctx) => len(attrAt(authorRole(ctx), "agentDeviceSDS/id", "extension")) <= 12,
    ),
  },
  {
    name: "ErrorBase1712.INVALID_PERTINENT_INFORMATION",
    interactions: CREATE,
    description: "pertinentInformation has exactly one pertinentLRReason with at most one text and one reasonCode",
    inferredName: true,
    check: ({ payload }) => {
      if (count(payload, "pertinentInformation") === 0) return true;
      const reasons = all(payload, "pertinentInformation/pertinentLRReason");
      return reasons.length === 1 && count(reasons[0], "text") <= 1 && count(reasons[0], "reasonCode") <= 1;
    },
  },
  {
    name: "ErrorBase1712.INVALID_OID|AccessReasonOID",
    interactions: CREATE,
    description: "access reason codeSystem is AccessReasonCode (…17.7)",
    inferredName: true,
    check: ({ payload }) =>
      all(payload, "pertinentInformation/pertinentLRReason/reasonCode").every((c) => attr(c, "codeSystem") === OIDS.accessReasonCode),
  },
  {
    name: "ErrorBase1712.INVALID_OID|AlertOID",
    interactions: CREATE,
    description: "alert request code codeSystem is AlertCode (…17.8)",
    inferredName: true,
    check: ({ payload }) => all(payload, "reason/justifyingAlertRequest/code").every((c) => attr(c, "codeSystem") === OIDS.alertCode),
  },
  {
    name: "ErrorBase1712.INVALID_DATE_WITH_SUPP_INFO",
    interactions: CREATE,
    description: "effectiveTime, when present, is exactly 14 characters",
    check: ({ payload }) => all(payload, "effectiveTime").every((t) => /^\d{14}$/.test(attr(t, "value") ?? "")),
  },
  {
    name: "ErrorBase1712.INVALID_OID|LRIdOID",
    interactions: SC,
    description: "pertinentLR/id root is the LR id OID (…18.3)",
    inferredName: true,
    check: ({ payload }) => !payload || attrAt(payload, "pertinentInformation/pertinentLR/id", "root") === OIDS.lrId,
  },
  {
    name: "ErrorBase1712.LR_ID_LENGTH",
    interactions: SC,
    description: "pertinentLR/id extension 1–20 characters",
    inferredName: true,
    check: ({ payload }) => {
      if (!payload) return true;
      const n = len(attrAt(payload, "pertinentInformation/pertinentLR/id", "extension"));
      return n >= 1 && n <= 20;
    },
  },
];
