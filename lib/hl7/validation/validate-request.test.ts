import { describe, expect, it } from "vitest";
import { CLIENT_ASID, SAMPLE_REQUESTS, WORKGROUP_ID } from "@/lib/hl7/fixtures/samples";
import { buildRequest } from "@/lib/hl7/requests";
import { buildSoapRequest } from "@/lib/hl7/transport/soap-envelope";
import type { Hl7Request, RequestInteractionId, RequestOf } from "@/lib/hl7/types";
import { VALIDATION_RULES, validateRequest } from "@/lib/hl7/validation/validate-request";
import { isElement, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { find, findAll } from "@/lib/hl7/xml/xml-query";
import { parseXml } from "@/lib/hl7/xml/xml-read";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

const sample = <K extends RequestInteractionId>(id: K) => SAMPLE_REQUESTS.find((r) => r.interactionId === id) as RequestOf<K>;
const create = sample("REPC_IN010000UK15");
const sc = sample("REPC_IN040000UK15");

const BASES: Record<string, () => string> = {
  create: () => buildRequest(create),
  createWg: () =>
    buildRequest({
      ...create,
      payload: {
        ...create.payload,
        subject: { kind: "workgroup", workgroupId: WORKGROUP_ID, roleProfileId: "900000000101" },
        author: { kind: "user", roleProfileId: "900000000101", userId: "900000000001", workgroupIds: [WORKGROUP_ID] },
      },
    }),
  createSys: () => buildRequest({ ...create, payload: { ...create.payload, author: { kind: "system", asid: CLIENT_ASID } } }),
  sc: () => buildRequest(sc),
  scSys: () => buildRequest({ ...sc, payload: { ...sc.payload, author: { kind: "system", asid: CLIENT_ASID } } }),
  confirm: () => buildRequest(sample("QUPC_IN010000UK32")),
  confirmSoap: () => buildSoapRequest(sample("QUPC_IN010000UK32"), { to: "https://spine.test/sync-service", fromAddress: "https://bff.test" }).body,
  details: () => buildRequest(sample("QUPC_IN020000UK17")),
  batch: () => buildRequest(sample("QUPC_IN090000UK03")),
  urp: () => buildRequest(sample("QUPC_IN010102UK01")),
  wgq: () => buildRequest(sample("QUPC_IN041234UK01")),
};

// ---- tree mutations ----
type Mutation = (root: XmlElement) => void;
const at = (root: XmlElement, path: string): XmlElement => {
  const found = find(root, path);
  if (!found) throw new Error(`test path not found: ${path}`);
  return found;
};
const parentAndName = (root: XmlElement, path: string) => {
  const i = path.lastIndexOf("/");
  return { parent: i < 0 ? root : at(root, path.slice(0, i)), name: path.slice(i + 1) };
};
const setAttr = (path: string, name: string, value: string): Mutation => (root) => {
  at(root, path).attrs[name] = value;
};
const remove = (path: string): Mutation => (root) => {
  const { parent, name } = parentAndName(root, path);
  const before = parent.children.length;
  parent.children = parent.children.filter((c) => !(isElement(c) && c.name === name));
  if (parent.children.length === before) throw new Error(`nothing removed at ${path}`);
};
const duplicate = (path: string): Mutation => (root) => {
  const { parent } = parentAndName(root, path);
  const target = at(root, path);
  parent.children.splice(parent.children.indexOf(target), 0, structuredClone(target));
};
const rename = (path: string, newName: string): Mutation => (root) => {
  at(root, path).name = newName;
};
const setText = (path: string, text: string): Mutation => (root) => {
  at(root, path).children = [text];
};
const emptyChildren = (path: string): Mutation => (root) => {
  at(root, path).children = [];
};

const C = "ControlActEvent/subject/CreateRequest";
const S = "ControlActEvent/subject/SCRequest";
const Q = "ControlActEvent/query";
const HDR = "Header";

/** [rule, base, mutation]: each mutation breaks exactly the rule under test (others may fire too). */
const CASES: [string, keyof typeof BASES, Mutation][] = [
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[id]", "create", remove("id")],
  ["ErrorBase1712.UUID_TOO_LONG", "create", setAttr("id", "root", `${"A".repeat(37)}`)],
  ["ErrorBase1712.INTERACTION_ID_TOO_LONG", "create", setAttr("interactionId", "extension", "REPC_IN010000UK15X")],
  ["ErrorBase1712.SENDER_ASID_TOO_LONG", "create", setAttr("communicationFunctionSnd/device/id", "extension", "9000000000101")],
  ["ErrorBase1712.INVALID_CREATION_TIME", "create", setAttr("creationTime", "value", "2024")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[versionCode]", "create", setAttr("versionCode", "code", "")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionRcv]", "create", remove("communicationFunctionRcv")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionSnd]", "create", remove("communicationFunctionSnd")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[author1]", "create", remove("ControlActEvent/author1")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING", "create", remove("ControlActEvent/author/AgentPersonSDS/part")],
  ["ErrorBase1733.INVALID_REQUEST[missingCreateRequest]", "create", remove("ControlActEvent/subject")],
  ["ErrorBase1733.INVALID_REQUEST[missingSCRequest]", "sc", remove("ControlActEvent/subject")],
  ["ErrorBase1733.INVALID_REQUEST[cardinality]", "create", duplicate(`${C}/recordTarget`)],
  ["ErrorBase1712.REASONCODE_OID", "sc", setAttr(`${S}/reasonCode`, "codeSystem", "2.16.840.1.113883.2.1.3.2.4.16.11")],
  ["ErrorBase1712.LR_TYPE_EMPTY", "create", setAttr(`${C}/reasonCode`, "code", "")],
  ["ErrorBase1712.INVALID_LRTYPE", "create", setAttr(`${C}/reasonCode`, "code", "123")],
  ["ErrorBase1712.INVALID_SUBJECT_ELEMENT[eitherUserOrWorkgroup]", "create", rename(`${C}/subject/AgentPersonSDS`, "OtherPerson")],
  ["ErrorBase1712.INVALID_SUBJECT_URPID_MISSING", "create", remove(`${C}/subject/AgentPersonSDS/id`)],
  ["ErrorBase1712.URPID_EMPTY", "create", setAttr(`${C}/subject/AgentPersonSDS/id`, "extension", "")],
  ["ErrorBase1712.URPID_TOO_LONG", "create", setAttr(`${C}/subject/AgentPersonSDS/id`, "extension", "9000000001011")],
  ["ErrorBase1712.INVALID_SUBJECT_USER_ID_MISSING", "create", remove(`${C}/subject/AgentPersonSDS/agentPersonSDS/id`)],
  ["ErrorBase1712.USER_ID_TOO_LONG", "create", setAttr(`${C}/subject/AgentPersonSDS/agentPersonSDS/id`, "extension", "9000000000011")],
  ["ErrorBase1712.WORKGROUP_ID_EMPTY", "createWg", setAttr(`${C}/subject/AgentOrgSDS/agentOrganizationSDS/id`, "extension", "")],
  ["ErrorBase1712.WORKGROUP_ID_TOO_LONG", "createWg", setAttr(`${C}/subject/AgentOrgSDS/agentOrganizationSDS/id`, "extension", "9000000002011")],
  ["ErrorBase1712.INVALID_SUBJECT_WORKGROUP_URPID", "createWg", setAttr(`${C}/subject/AgentOrgSDS/id`, "extension", "123")],
  ["ErrorBase1712.PATIENT_ID_EMPTY", "create", setAttr(`${C}/recordTarget/patient/id`, "extension", "")],
  ["ErrorBase1712.PATIENT_ID_TOO_LONG", "create", setAttr(`${C}/recordTarget/patient/id`, "extension", "99900000181")],
  ["ErrorBase1712.PATIENT_ID_LENGTH", "sc", setAttr(`${S}/recordTarget/patient/id`, "extension", "999000001")],
  ["ErrorBase1712.INVALID_OID|PatientOID", "sc", setAttr(`${S}/recordTarget/patient/id`, "root", "1.2.3")],
  ["ErrorBase1712.INVALID_AUTHOR_USER_SYSTEM_MISSING", "create", rename(`${C}/author/AgentPerson`, "Somebody")],
  ["ErrorBase1712.INVALID_AUTHOR_USER_URPID_MISSING", "sc", setAttr(`${S}/author/AgentPersonSDS/id`, "root", "1.2.3")],
  ["ErrorBase1712.INVALID_AUTHOR_USER_URPID_TOO_LONG", "create", setAttr(`${C}/author/AgentPerson/id`, "extension", "9000000001011")],
  ["ErrorBase1712.INVALID_AUTHOR_USER_ID_MISSING", "create", remove(`${C}/author/AgentPerson/agentPersonSDS/id`)],
  ["ErrorBase1712.INVALID_AUTHOR_USER_ID_TOO_LONG", "create", setAttr(`${C}/author/AgentPerson/agentPersonSDS/id`, "extension", "9000000000011")],
  ["ErrorBase1712.INVALID_AUTHOR_USER_ID_LENGTH", "sc", setAttr(`${S}/author/AgentPersonSDS/agentPersonSDS/id`, "extension", "90000000001")],
  ["ErrorBase1712.INVALID_OID|RepresentedOrganizationOID", "createWg", setAttr(`${C}/author/AgentPerson/representedOrganization/id`, "root", "1.2.3")],
  ["ErrorBase1712.INVALID_AUTHOR_SYSTEM_DEVID_MISSING", "scSys", remove(`${S}/author/AgentDeviceSDS/agentDeviceSDS`)],
  ["ErrorBase1712.SYSTEM_ID_EMPTY", "createSys", setAttr(`${C}/author/AgentDeviceSDS/agentDeviceSDS/id`, "extension", "")],
  ["ErrorBase1712.SYSTEM_ID_TOO_LONG", "scSys", setAttr(`${S}/author/AgentDeviceSDS/agentDeviceSDS/id`, "extension", "9000000000101")],
  ["ErrorBase1712.INVALID_PERTINENT_INFORMATION", "create", duplicate(`${C}/pertinentInformation/pertinentLRReason/text`)],
  ["ErrorBase1712.INVALID_OID|AccessReasonOID", "create", setAttr(`${C}/pertinentInformation/pertinentLRReason/reasonCode`, "codeSystem", "1.2.3")],
  ["ErrorBase1712.INVALID_OID|AlertOID", "create", setAttr(`${C}/reason/justifyingAlertRequest/code`, "codeSystem", "1.2.3")],
  ["ErrorBase1712.INVALID_DATE_WITH_SUPP_INFO", "create", setAttr(`${C}/effectiveTime`, "value", "202401311200")],
  ["ErrorBase1712.INVALID_OID|LRIdOID", "sc", setAttr(`${S}/pertinentInformation/pertinentLR/id`, "root", "1.2.3")],
  ["ErrorBase1712.LR_ID_LENGTH", "sc", setAttr(`${S}/pertinentInformation/pertinentLR/id`, "extension", "X".repeat(21))],
  ["ErrorBaseTms.MESSAGE_NOT_WELL_FORMED", "confirmSoap", remove(HDR)],
  ["ErrorBaseTms.SOAP_MESSAGE_ID_ERROR", "confirmSoap", setText(`${HDR}/MessageID`, "uuid:1234")],
  ["ErrorBaseTms.SOAP_ACTION_ERROR", "confirmSoap", duplicate(`${HDR}/Action`)],
  ["ErrorBaseTms.SOAP_TO_ERROR", "confirmSoap", setText(`${HDR}/To`, " ")],
  ["ErrorBaseTms.SOAP_COMM_FUNC_RCV_ERROR", "confirmSoap", remove(`${HDR}/communicationFunctionRcv`)],
  ["ErrorBaseTms.SOAP_COMM_FUNC_SND_ERROR", "confirmSoap", remove(`${HDR}/communicationFunctionSnd`)],
  ["ErrorBase1732.INVALID_AUTHOR", "confirm", duplicate("ControlActEvent/author")],
  ["ErrorBase1732.INVALID_AUTHOR1", "details", remove("ControlActEvent/author1")],
  ["ErrorBase1732.INVALID_QUERY", "urp", emptyChildren(Q)],
  ["ErrorBase1733.INVALID_OID|PatientOID", "confirm", setAttr(`${Q}/patient.id/value`, "root", "1.2.3")],
  ["ErrorBase1733.INVALID_FIELD_VALUE", "details", setAttr(`${Q}/response.Type/value`, "code", "03")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[semanticsText]", "confirm", remove(`${Q}/parameterList/userID/semanticsText`)],
  ["ErrorBase1733.INVALID_OID|UserID", "batch", setAttr(`${Q}/parameterList/userID/value`, "root", "1.2.3")],
  ["ErrorBase1733.INVALID_OID|UserRoleProfileID", "confirm", setAttr(`${Q}/parameterList/userRoleProfileID/value`, "root", "1.2.3")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[dissentOverride]", "details", setAttr(`${Q}/dissentOverride/value`, "codeSystem", "1.2.3")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[timePeriodStart]", "details", remove(`${Q}/time.Period/value/low`)],
  ["ErrorBase1733.INVALID_REQUEST[batchSize]", "batch", remove(`${Q}/patient.id`)],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[userID]", "urp", setAttr(`${Q}/userID/value`, "root", "1.2.3")],
  ["ErrorBase1733.MANDATORY_FIELD_MISSING[workgroupCode]", "wgq", remove(`${Q}/workgroupCode`)],
];

function mutated(base: keyof typeof BASES, mutation: Mutation): string {
  const root = parseXml(BASES[base]!());
  mutation(root);
  return serializeXml(root);
}

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
