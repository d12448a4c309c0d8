import { describe, expect, it } from "vitest";
import {
  ALERT_RULES,
  buildEbxmlMessage,
  buildRequest,
  buildSoapRequest,
  type Hl7Request,
  INTERACTIONS,
  newMessageId,
  parseReplyDocument,
  VALIDATION_RULES,
  validateRequest,
} from "@/lib/hl7";
import { CASES as LIB_CASES, mutateXml } from "@/lib/hl7/fixtures/rule-breaking-cases";
import { alertPayload, BFF, createLrPayload, ebxmlFor, GP, hl7Request, mhsFor, NURSE, post } from "@/simulator/test-support/spine-requests";
import { testRigForFile } from "@/simulator/test-support/test-simulator";

/**
 * One test per Spine 2 validation rule (the shared lib/hl7 rule set): a valid message is broken in
 * exactly the way the rule forbids, sent over real HTTP, and the reply must be Spine's rejection
 * naming the rule — MCCI AR + acknowledgementDetail 202 (displayName = rule), or for the sync
 * transport rules (ErrorBaseTms.*) a SOAP fault whose description names it.
 */

const rig = testRigForFile();

const LR_ID = "LRVALIDATIONBASE0001";
const bases = {
  createUser: () =>
    hl7Request(
      "REPC_IN010000UK15",
      createLrPayload("9990010013", {
        effectiveTime: "20250101120000",
        subject: { kind: "user", roleProfileId: NURSE.roleProfileId, userId: NURSE.userId },
        author: { kind: "user", roleProfileId: GP.roleProfileId, userId: GP.userId, workgroupIds: ["900000000503"] },
      }),
    ),
  createWorkgroup: () =>
    hl7Request(
      "REPC_IN010000UK15",
      createLrPayload("9990010013", {
        lrType: "06",
        subject: { kind: "workgroup", workgroupId: "900000000501", roleProfileId: NURSE.roleProfileId },
        author: { kind: "system", asid: BFF.asid },
      }),
    ),
  sc: () =>
    hl7Request("REPC_IN040000UK15", {
      nhsNumber: "9990010048",
      lrId: LR_ID,
      reasonCode: "06",
      author: { kind: "user", roleProfileId: NURSE.roleProfileId, userId: NURSE.userId },
    }),
  confirm: () =>
    hl7Request("QUPC_IN010000UK32", {
      nhsNumber: "9990010048",
      responseType: "01",
      parameterList: { userId: GP.userId, roleProfileId: GP.roleProfileId, workgroupIds: ["900000000501"] },
    }),
  details: () =>
    hl7Request("QUPC_IN020000UK17", {
      nhsNumber: "9990010048",
      responseType: "01",
      dissentOverride: "0",
      timePeriod: { start: "20240101000000" },
    }),
  batch: () => hl7Request("QUPC_IN090000UK03", { nhsNumbers: ["9990010048"] }),
  roleProfiles: () => hl7Request("QUPC_IN010102UK01", { userId: "900000000007" }),
  workgroups: () => hl7Request("QUPC_IN041234UK01", { workgroupIds: ["900000000501"] }),
} satisfies Record<string, () => Hl7Request>;
type Base = keyof typeof bases;

/** Replace text that must be in the base message (so a changed codec fails loudly, not silently). */
const swap =
  (from: string | RegExp, to: string) =>
  (xml: string): string => {
    const found = typeof from === "string" ? xml.includes(from) : from.test(xml);
    if (!found) throw new Error(`mutation target not found: ${String(from).slice(0, 120)}`);
    return xml.replace(from, to);
  };
const chain =
  (...steps: ((xml: string) => string)[]) =>
  (xml: string) =>
    steps.reduce((current, step) => step(current), xml);

const ASID_ID = 'root="1.2.826.0.1285.0.2.0.107"';
const CTRL_AUTHOR = /<author typeCode="AUT"><AgentPersonSDS[\s\S]*?<\/author>/;
const DEVICE = `<agentDeviceSDS classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID} extension="${BFF.asid}"/></agentDeviceSDS>`;
const AUTHOR_URP = '<AgentPerson classCode="AGNT"><id root="1.2.826.0.1285.0.2.0.67" extension="900000000101"/>';
const AUTHOR_UID = `${AUTHOR_URP}<agentPersonSDS classCode="PSN" determinerCode="INSTANCE"><id root="1.2.826.0.1285.0.2.0.65" extension="900000000001"/>`;
const SUBJECT_URP =
  '<subject typeCode="SBJ"><AgentPersonSDS classCode="AGNT"><id root="1.2.826.0.1285.0.2.0.67" extension="900000000201"/>';

const cases: { rule: string; base: Base; mutate: (xml: string) => string }[] = [
  // Transmission wrapper (every request)
  { rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[id]", base: "createUser", mutate: swap(/<id root="[0-9A-F-]{36}"\/>/, "") },
  { rule: "ErrorBase1712.UUID_TOO_LONG", base: "createUser", mutate: swap(/<id root="([0-9A-F-]{36})"\/>/, '<id root="$1-TOO-LONG"/>') },
  {
    rule: "ErrorBase1712.INTERACTION_ID_TOO_LONG",
    base: "createUser",
    mutate: swap('extension="REPC_IN010000UK15"', 'extension="REPC_IN010000UK15X"'),
  },
  {
    rule: "ErrorBase1712.SENDER_ASID_TOO_LONG",
    base: "createUser",
    mutate: swap(
      `<communicationFunctionSnd typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID} extension="${BFF.asid}"/>`,
      `<communicationFunctionSnd typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID} extension="${BFF.asid}0"/>`,
    ),
  },
  {
    rule: "ErrorBase1712.INVALID_CREATION_TIME",
    base: "createUser",
    mutate: swap(/<creationTime value="\d{14}"\/>/, '<creationTime value="2025"/>'),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[versionCode]",
    base: "createUser",
    mutate: swap('<versionCode code="V3NPfIT4.2.00"/>', '<versionCode code=""/>'),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionRcv]",
    base: "createUser",
    mutate: swap(
      `<communicationFunctionRcv typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID}`,
      '<communicationFunctionRcv typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id',
    ),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionSnd]",
    base: "createUser",
    mutate: swap(
      `<communicationFunctionSnd typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID}`,
      '<communicationFunctionSnd typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id',
    ),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[author1]",
    base: "createUser",
    mutate: swap(
      `<agentSystemSDS classCode="DEV" determinerCode="INSTANCE"><id ${ASID_ID}`,
      '<agentSystemSDS classCode="DEV" determinerCode="INSTANCE"><id root="1.2.3"',
    ),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING",
    base: "createUser",
    mutate: swap(/<part typeCode="PART"><partSDSRole[\s\S]*?<\/part>/, ""),
  },
  // Create LR
  {
    rule: "ErrorBase1733.INVALID_REQUEST[missingCreateRequest]",
    base: "createUser",
    mutate: chain(swap("<CreateRequest ", "<CreateRequestX "), swap("</CreateRequest>", "</CreateRequestX>")),
  },
  {
    rule: "ErrorBase1733.INVALID_REQUEST[cardinality]",
    base: "createUser",
    mutate: swap(/(<recordTarget[\s\S]*?<\/recordTarget>)/, "$1$1"),
  },
  {
    rule: "ErrorBase1712.REASONCODE_OID",
    base: "createUser",
    mutate: swap('codeSystem="2.16.840.1.113883.2.1.3.2.4.16.11"', 'codeSystem="2.16.840.1.113883.2.1.3.2.4.16.22"'),
  },
  { rule: "ErrorBase1712.LR_TYPE_EMPTY", base: "createUser", mutate: swap('<reasonCode code="08"', '<reasonCode code=""') },
  { rule: "ErrorBase1712.INVALID_LRTYPE", base: "createUser", mutate: swap('<reasonCode code="08"', '<reasonCode code="008"') },
  {
    rule: "ErrorBase1712.INVALID_SUBJECT_ELEMENT[eitherUserOrWorkgroup]",
    base: "createUser",
    mutate: chain(
      swap('<subject typeCode="SBJ"><AgentPersonSDS ', '<subject typeCode="SBJ"><OtherPersonX '),
      swap("</AgentPersonSDS></subject>", "</OtherPersonX></subject>"),
    ),
  },
  {
    rule: "ErrorBase1712.INVALID_SUBJECT_URPID_MISSING",
    base: "createUser",
    mutate: swap(SUBJECT_URP, SUBJECT_URP.replace("1.2.826.0.1285.0.2.0.67", "1.2.3")),
  },
  {
    rule: "ErrorBase1712.URPID_EMPTY",
    base: "createUser",
    mutate: swap(SUBJECT_URP, SUBJECT_URP.replace('extension="900000000201"', 'extension=""')),
  },
  {
    rule: "ErrorBase1712.URPID_TOO_LONG",
    base: "createUser",
    mutate: swap(SUBJECT_URP, SUBJECT_URP.replace('extension="900000000201"', 'extension="9000000002010"')),
  },
  { rule: "ErrorBase1712.INVALID_SUBJECT_USER_ID_MISSING", base: "createUser", mutate: swap('extension="900000000002"', 'extension=""') },
  { rule: "ErrorBase1712.USER_ID_TOO_LONG", base: "createUser", mutate: swap('extension="900000000002"', 'extension="9000000000020"') },
  {
    rule: "ErrorBase1712.WORKGROUP_ID_EMPTY",
    base: "createWorkgroup",
    mutate: swap('<id root="1.2.826.0.1285.0.2.0.109" extension="900000000501"/>', '<id root="1.2.826.0.1285.0.2.0.109" extension=""/>'),
  },
  {
    rule: "ErrorBase1712.WORKGROUP_ID_TOO_LONG",
    base: "createWorkgroup",
    mutate: swap(
      '<id root="1.2.826.0.1285.0.2.0.109" extension="900000000501"/>',
      '<id root="1.2.826.0.1285.0.2.0.109" extension="9000000005010"/>',
    ),
  },
  {
    rule: "ErrorBase1712.INVALID_SUBJECT_WORKGROUP_URPID",
    base: "createWorkgroup",
    mutate: swap(
      '<id root="1.2.826.0.1285.0.2.0.67" extension="900000000201"/>',
      '<id root="1.2.826.0.1285.0.2.0.67" extension="9000002"/>',
    ),
  },
  { rule: "ErrorBase1712.PATIENT_ID_EMPTY", base: "createUser", mutate: swap('extension="9990010013"', 'extension=""') },
  { rule: "ErrorBase1712.PATIENT_ID_TOO_LONG", base: "createUser", mutate: swap('extension="9990010013"', 'extension="99900100130"') },
  {
    rule: "ErrorBase1712.INVALID_OID|PatientOID",
    base: "createUser",
    mutate: swap('<id root="2.16.840.1.113883.2.1.4.1"', '<id root="1.2.3"'),
  },
  {
    rule: "ErrorBase1712.INVALID_AUTHOR_USER_SYSTEM_MISSING",
    base: "createUser",
    mutate: chain(swap("<AgentPerson classCode", "<AgentPersonX classCode"), swap("</AgentPerson>", "</AgentPersonX>")),
  },
  {
    rule: "ErrorBase1712.INVALID_AUTHOR_USER_URPID_MISSING",
    base: "createUser",
    mutate: swap(AUTHOR_URP, AUTHOR_URP.replace("1.2.826.0.1285.0.2.0.67", "1.2.3")),
  },
  {
    rule: "ErrorBase1712.INVALID_AUTHOR_USER_URPID_TOO_LONG",
    base: "createUser",
    mutate: swap(AUTHOR_URP, AUTHOR_URP.replace('extension="900000000101"', 'extension="9000000001010"')),
  },
  {
    rule: "ErrorBase1712.INVALID_AUTHOR_USER_ID_MISSING",
    base: "createUser",
    mutate: swap(AUTHOR_UID, AUTHOR_UID.replace('extension="900000000001"', 'extension=""')),
  },
  {
    rule: "ErrorBase1712.INVALID_AUTHOR_USER_ID_TOO_LONG",
    base: "createUser",
    mutate: swap(AUTHOR_UID, AUTHOR_UID.replace('extension="900000000001"', 'extension="9000000000010"')),
  },
  {
    rule: "ErrorBase1712.INVALID_OID|RepresentedOrganizationOID",
    base: "createUser",
    mutate: swap(/(<representedOrganization[^>]*>(?:<[^>]*>)*?<id root=")1\.2\.826\.0\.1285\.0\.2\.0\.109/, "$11.2.3"),
  },
  { rule: "ErrorBase1712.INVALID_AUTHOR_SYSTEM_DEVID_MISSING", base: "createWorkgroup", mutate: swap(DEVICE, "") },
  {
    rule: "ErrorBase1712.SYSTEM_ID_EMPTY",
    base: "createWorkgroup",
    mutate: swap(DEVICE, DEVICE.replace(`extension="${BFF.asid}"`, 'extension=""')),
  },
  {
    rule: "ErrorBase1712.SYSTEM_ID_TOO_LONG",
    base: "createWorkgroup",
    mutate: swap(DEVICE, DEVICE.replace(`extension="${BFF.asid}"`, `extension="${BFF.asid}0"`)),
  },
  { rule: "ErrorBase1712.INVALID_PERTINENT_INFORMATION", base: "createUser", mutate: swap("</text>", "</text><text>and again</text>") },
  {
    rule: "ErrorBase1712.INVALID_OID|AccessReasonOID",
    base: "createUser",
    mutate: swap('codeSystem="2.16.840.1.113883.2.1.3.2.4.17.7"', 'codeSystem="2.16.840.1.113883.2.1.3.2.4.17.77"'),
  },
  {
    rule: "ErrorBase1712.INVALID_OID|AlertOID",
    base: "createUser",
    mutate: swap('codeSystem="2.16.840.1.113883.2.1.3.2.4.17.8"', 'codeSystem="2.16.840.1.113883.2.1.3.2.4.17.88"'),
  },
  {
    rule: "ErrorBase1712.INVALID_DATE_WITH_SUPP_INFO",
    base: "createUser",
    mutate: swap('<effectiveTime value="20250101120000"/>', '<effectiveTime value="202501011200"/>'),
  },
  // Change LR status
  {
    rule: "ErrorBase1733.INVALID_REQUEST[missingSCRequest]",
    base: "sc",
    mutate: chain(swap("<SCRequest ", "<SCRequestX "), swap("</SCRequest>", "</SCRequestX>")),
  },
  { rule: "ErrorBase1712.PATIENT_ID_LENGTH", base: "sc", mutate: swap('extension="9990010048"', 'extension="999001004"') },
  { rule: "ErrorBase1712.INVALID_AUTHOR_USER_ID_LENGTH", base: "sc", mutate: swap('extension="900000000002"', 'extension="90000000002"') },
  {
    rule: "ErrorBase1712.INVALID_OID|LRIdOID",
    base: "sc",
    mutate: swap('root="2.16.840.1.113883.2.1.3.2.4.18.3"', 'root="2.16.840.1.113883.2.1.3.2.4.18.33"'),
  },
  { rule: "ErrorBase1712.LR_ID_LENGTH", base: "sc", mutate: swap(`extension="${LR_ID}"`, `extension="${LR_ID}X"`) },
  // Sync SOAP envelope (confirm query)
  { rule: "ErrorBaseTms.MESSAGE_NOT_WELL_FORMED", base: "confirm", mutate: swap(/<SOAP-ENV:Header>[\s\S]*<\/SOAP-ENV:Header>/, "") },
  { rule: "ErrorBaseTms.SOAP_MESSAGE_ID_ERROR", base: "confirm", mutate: swap("<wsa:MessageID>uuid:", "<wsa:MessageID>uuid:X") },
  { rule: "ErrorBaseTms.SOAP_ACTION_ERROR", base: "confirm", mutate: swap(/(<wsa:Action>[^<]*<\/wsa:Action>)/, "$1$1") },
  { rule: "ErrorBaseTms.SOAP_TO_ERROR", base: "confirm", mutate: swap(/<wsa:To>[^<]*<\/wsa:To>/, "<wsa:To></wsa:To>") },
  {
    rule: "ErrorBaseTms.SOAP_COMM_FUNC_RCV_ERROR",
    base: "confirm",
    mutate: swap(/(<hl7:communicationFunctionRcv><hl7:device><hl7:id [^>]*extension=")\d+"/, '$1"'),
  },
  {
    rule: "ErrorBaseTms.SOAP_COMM_FUNC_SND_ERROR",
    base: "confirm",
    mutate: swap(/(<hl7:communicationFunctionSnd><hl7:device><hl7:id [^>]*extension=")\d+"/, '$1"'),
  },
  // Queries
  {
    rule: "ErrorBase1732.INVALID_AUTHOR",
    base: "confirm",
    mutate: swap(CTRL_AUTHOR, (CTRL_AUTHOR.exec(buildRequest(bases.confirm()))?.[0] ?? "").repeat(2)),
  },
  { rule: "ErrorBase1732.INVALID_AUTHOR1", base: "confirm", mutate: swap(/<author1 typeCode="AUT">[\s\S]*?<\/author1>/, "") },
  { rule: "ErrorBase1732.INVALID_QUERY", base: "confirm", mutate: swap(/<query>[\s\S]*<\/query>/, "<query></query>") },
  {
    rule: "ErrorBase1733.INVALID_OID|PatientOID",
    base: "confirm",
    mutate: swap('<value root="2.16.840.1.113883.2.1.4.1"', '<value root="1.2.3"'),
  },
  {
    rule: "ErrorBase1733.INVALID_FIELD_VALUE",
    base: "confirm",
    mutate: swap(
      '<value code="01" codeSystem="2.16.840.1.113883.2.1.3.2.4.17.9"',
      '<value code="03" codeSystem="2.16.840.1.113883.2.1.3.2.4.17.9"',
    ),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[semanticsText]",
    base: "confirm",
    mutate: swap("<semanticsText>Patient.Id</semanticsText>", "<semanticsText></semanticsText>"),
  },
  {
    rule: "ErrorBase1733.INVALID_OID|UserID",
    base: "confirm",
    mutate: swap('<value root="1.2.826.0.1285.0.2.0.65"', '<value root="1.2.3"'),
  },
  {
    rule: "ErrorBase1733.INVALID_OID|UserRoleProfileID",
    base: "confirm",
    mutate: swap('<value root="1.2.826.0.1285.0.2.0.67"', '<value root="1.2.3"'),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[dissentOverride]",
    base: "details",
    mutate: swap('codeSystem="2.16.840.1.113883.2.1.3.2.4.17.60"', 'codeSystem="2.16.840.1.113883.2.1.3.2.4.17.61"'),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[timePeriodStart]",
    base: "details",
    mutate: swap('<low value="20240101000000"/>', '<low value=""/>'),
  },
  { rule: "ErrorBase1733.INVALID_REQUEST[batchSize]", base: "batch", mutate: swap(/<patient\.id>[\s\S]*?<\/patient\.id>/, "") },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[userID]",
    base: "roleProfiles",
    mutate: swap('<value root="1.2.826.0.1285.0.2.0.65"', '<value root="1.2.3"'),
  },
  {
    rule: "ErrorBase1733.MANDATORY_FIELD_MISSING[workgroupCode]",
    base: "workgroups",
    mutate: swap('extension="900000000501"', 'extension=""'),
  },
];

/**
 * The alert rules (Spine 2's COMT_MT000001UK01.xsl and LR Manager's code checks): the mutations of
 * lib/hl7/fixtures/rule-breaking-cases.ts applied to an alert from the simulator's BFF, sent through
 * the MHS front with wait-for-response (COMT is sync-async there). Spine answers these with
 * MCCI_IN010000UK13 AE naming the fault, once.
 */
const ALERT_CASES = LIB_CASES.filter(([, base]) => base === "alert" || base === "alertBare");
const alertBase = (bare: boolean) => {
  const payload = alertPayload("9990010048");
  if (bare) {
    delete payload.notification;
    delete payload.reasonText;
  }
  return hl7Request("COMT_IN000001UK01", payload);
};

const isQuery = (base: Base) => !["createUser", "createWorkgroup", "sc"].includes(base);

/**
 * Send the broken message: the sync confirm query as SOAP to /sync-service, express queries as
 * ebXML to /reliablemessaging/queryrequest (reply POSTed to the receiver, returned here as if in the
 * response), updates through the MHS front (reply in the response).
 */
async function sendBroken(base: Base, mutate: (xml: string) => string) {
  const request = bases[base]();
  if (isQuery(base) && INTERACTIONS[request.interactionId].pattern !== "sync") {
    const message = ebxmlFor(request);
    const hl7 = buildRequest(request);
    rig.receiver.clear();
    const accepted = await post(`${rig.simulator.url}/reliablemessaging/queryrequest`, {
      ...message,
      body: message.body.replace(hl7, mutate(hl7)),
    });
    expect(accepted.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    return { status: 200, body: reply?.body ?? "", headers: new Headers({ "content-type": reply?.contentType ?? "" }) };
  }
  if (isQuery(base)) {
    const soap = buildSoapRequest(request, { to: `${rig.simulator.url}/sync-service`, fromAddress: "http://127.0.0.1:3000" });
    return post(`${rig.simulator.url}/sync-service`, {
      body: mutate(soap.body),
      headers: { "content-type": soap.contentType, soapaction: soap.soapAction },
    });
  }
  return post(`${rig.simulator.url}/`, mhsFor(request, true, mutate(buildRequest(request))));
}

describe("Spine 2 validation rules (one broken message per rule)", () => {
  it.each(cases)("$rule ($base)", async ({ rule, base, mutate }) => {
    const response = await sendBroken(base, mutate);
    const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? "text/xml");
    if (rule.startsWith("ErrorBaseTms.")) {
      expect(response.status).toBe(500);
      if (document.kind !== "soap-fault") throw new Error(`expected a SOAP fault, got ${document.kind}`);
      expect(document.fault.errors[0]?.description).toContain(rule);
      return;
    }
    expect(response.status).toBe(200);
    if (document.kind !== "hl7") throw new Error(`expected an HL7 reply, got ${document.kind}`);
    expect(document.reply.interactionId).toBe("MCCI_IN010000UK13");
    expect(document.reply.header.acknowledgement.typeCode).toBe("AR");
    expect(document.reply.header.acknowledgement.details).toContainEqual(
      expect.objectContaining({ code: "202", typeCode: "ER", displayName: rule }),
    );
  });

  it("covers every rule in the shared rule set", () => {
    const tested = new Set([...cases.map((entry) => entry.rule), ...ALERT_CASES.map(([rule]) => rule)]);
    expect(VALIDATION_RULES.map((rule) => rule.name).filter((name) => !tested.has(name))).toEqual([]);
  });

  it.each(ALERT_CASES)("%s (%s, MHS front): MCCI AE naming the fault once", async (rule, base, mutation) => {
    const request = alertBase(base === "alertBare");
    const xml = mutateXml(buildRequest(request), mutation);
    const response = await post(`${rig.simulator.url}/`, mhsFor(request, true, xml));
    expect(response.status).toBe(200);
    const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? "text/xml");
    if (document.kind !== "hl7") throw new Error(`expected an HL7 reply, got ${document.kind}`);
    expect(document.reply.interactionId).toBe("MCCI_IN010000UK13");
    // A mutation that also breaks a generic wrapper rule (author1 gone, an empty user id) meets the
    // generic validation first: AR, every broken rule in acknowledgementDetail, as for any request.
    const alertOnly = validateRequest(xml).every((violation) => ALERT_RULES.some((r) => r.name === violation.rule));
    if (!alertOnly) {
      expect(document.reply.header.acknowledgement.typeCode).toBe("AR");
      expect(document.reply.header.acknowledgement.details).toContainEqual(expect.objectContaining({ code: "202", displayName: rule }));
      return;
    }
    expect(document.reply.header.acknowledgement.typeCode).toBe("AE");
    const names = document.reply.header.issues.map((issue) => issue.displayName);
    expect(names.filter((name) => name === rule)).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    expect(document.reply.header.issues[0]).toMatchObject({ code: "5000", qualifier: "ER" });
  });

  it("most alert cases break only alert rules, so the AE path above is exercised", () => {
    const aeCases = ALERT_CASES.filter(([, base, mutation]) => {
      const request = alertBase(base === "alertBare");
      return validateRequest(mutateXml(buildRequest(request), mutation)).every((v) => ALERT_RULES.some((r) => r.name === v.rule));
    });
    expect(aeCases.length).toBeGreaterThan(ALERT_CASES.length - 3);
  });

  it("accepts the unbroken alerts (AA) and keeps nothing for a refused one", async () => {
    for (const bare of [false, true]) {
      const response = await post(`${rig.simulator.url}/`, mhsFor(alertBase(bare), true));
      const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? "text/xml");
      expect(document).toMatchObject({
        kind: "hl7",
        reply: { interactionId: "MCCI_IN010000UK13", header: { acknowledgement: { typeCode: "AA" } } },
      });
    }
  });

  it("accepts every unbroken base message (so each failure above is caused by its mutation)", async () => {
    for (const base of Object.keys(bases) as Base[]) {
      const response = await sendBroken(base, (xml) => xml);
      const document = parseReplyDocument(response.body, response.headers.get("content-type") ?? "text/xml");
      const acknowledgement = document.kind === "hl7" ? document.reply.header.acknowledgement : undefined;
      expect(acknowledgement?.typeCode, `${base}: ${JSON.stringify(acknowledgement)}`).not.toBe("AR");
    }
  });

  it("rejects on the reliable ebXML path too: the AR is POSTed to the sender", async () => {
    const request = bases.createUser();
    const message = buildEbxmlMessage(request, {
      fromPartyId: BFF.partyKey,
      toPartyId: "SIM-990001",
      cpaId: BFF.cpaId,
      conversationId: newMessageId(),
    });
    const hl7 = buildRequest(request);
    expect(message.body).toContain(hl7);
    const broken = message.body.replace(hl7, swap('<reasonCode code="08"', '<reasonCode code="008"')(hl7));
    rig.receiver.clear();
    const response = await post(`${rig.simulator.url}/reliablemessaging/reliablerequest`, {
      body: broken,
      headers: { "content-type": message.contentType, soapaction: message.soapAction },
    });
    expect(response.status).toBe(202);
    const [reply] = await rig.receiver.waitFor(1);
    expect(reply?.document).toMatchObject({
      kind: "hl7",
      reply: {
        interactionId: "MCCI_IN010000UK13",
        header: { acknowledgement: { typeCode: "AR", details: [{ displayName: "ErrorBase1712.INVALID_LRTYPE" }] } },
      },
      ebxml: { refToMessageId: request.header.messageId },
    });
  });

  it("rejects an HL7 interactionId that disagrees with the SOAPAction (515)", async () => {
    // A details query (HL7) announced as the sync confirm query (SOAPAction and wsa:Action agree with each other, not with the HL7).
    const request = bases.details();
    const soap = buildSoapRequest(request, { to: `${rig.simulator.url}/sync-service`, fromAddress: "http://127.0.0.1:3000" });
    const confirmAction = "urn:nhs:names:services:lrsquery/QUPC_IN010000UK32";
    expect(soap.body).toContain(soap.soapAction);
    const response = await post(`${rig.simulator.url}/sync-service`, {
      body: soap.body.replace(soap.soapAction, confirmAction),
      headers: { "content-type": soap.contentType, soapaction: confirmAction },
    });
    const document = parseReplyDocument(response.body, "text/xml");
    expect(document).toMatchObject({ kind: "hl7", reply: { header: { acknowledgement: { typeCode: "AR", details: [{ code: "515" }] } } } });
  });
});
