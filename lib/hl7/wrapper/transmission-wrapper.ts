import { Hl7CodecError } from "@/lib/hl7/errors";
import type {
  Acknowledgement,
  AcknowledgementDetail,
  ControlActAuthor,
  DetectedIssue,
  InteractionId,
  IssueQualifier,
  MessageHeader,
} from "@/lib/hl7/types";
import { type ControlActWrapper, INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import { HL7_NAMESPACE, OIDS } from "@/lib/hl7/vocab/oids";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, children, find, findAll, requiredAttr } from "@/lib/hl7/xml/xml-query";

/**
 * Transmission wrapper (MCCI_MT010101UK12 / MCCI_MT020101UK12) + ControlActEvent
 * (MCAI_MT040101UK03, QUQI_MT050000UK01, QUQI_MT030101UK03), element order as docs/domain.md §5.1, §5.3, §7.1.
 */

export interface MessageParts {
  interactionId: InteractionId;
  header: Omit<MessageHeader, "author">;
  author?: ControlActAuthor;
  acknowledgement?: Acknowledgement;
  issues?: DetectedIssue[];
  /** Goes inside ControlActEvent/subject. */
  subjectPayload?: XmlElement;
  /** A `query` element placed directly in ControlActEvent. */
  query?: XmlElement;
  queryResponseCode?: string;
}

const device = (name: string, typeCode: string, asid: string) =>
  el(name, { typeCode }, el("device", { classCode: "DEV", determinerCode: "INSTANCE" }, el("id", { root: OIDS.asid, extension: asid })));

/**
 * ControlActEvent/subject attributes as each wrapper's schema has them: MCAI_MT040101UK03 has
 * typeCode and contextConductionInd; QUQI_MT030101UK03 (query replies) has typeCode only; query
 * requests carry no subject (their payload is ControlActEvent/query).
 */
export const SUBJECT_ATTRIBUTES: Record<ControlActWrapper, Record<string, string>> = {
  MCAI_MT040101UK03: { typeCode: "SUBJ", contextConductionInd: "false" },
  QUQI_MT030101UK03: { typeCode: "SUBJ" },
  QUQI_MT050000UK01: { typeCode: "SUBJ" },
};

function acknowledgementEl(ack: Acknowledgement): XmlElement {
  return el(
    "acknowledgement",
    { typeCode: ack.typeCode },
    ack.details.map((d) =>
      el(
        "acknowledgementDetail",
        { typeCode: d.typeCode },
        el("code", { code: d.code, codeSystem: d.codeSystem, displayName: d.displayName }),
      ),
    ),
    el("messageRef", {}, el("id", { root: ack.messageRefId })),
  );
}

function authorEl(author: ControlActAuthor): XmlElement {
  return el(
    "author",
    { typeCode: "AUT" },
    el(
      "AgentPersonSDS",
      { classCode: "AGNT" },
      el("id", { root: OIDS.roleProfileId, extension: author.roleProfileId }),
      el("agentPersonSDS", { classCode: "PSN", determinerCode: "INSTANCE" }, el("id", { root: OIDS.userId, extension: author.userId })),
      el(
        "part",
        { typeCode: "PART" },
        el("partSDSRole", { classCode: "ROL" }, el("id", { root: OIDS.jobRoleCode, extension: author.jobRoleCode })),
      ),
    ),
  );
}

function issueEl(issue: DetectedIssue): XmlElement {
  return el(
    "reason",
    { typeCode: "RSON" },
    el(
      "justifyingDetectedIssueEvent",
      { classCode: "ALRT", moodCode: "EVN" },
      el(
        "code",
        { code: issue.code, codeSystem: issue.codeSystem, displayName: issue.displayName },
        issue.qualifier ? el("qualifier", { code: issue.qualifier }) : undefined,
      ),
    ),
  );
}

export function buildMessageElement(parts: MessageParts): XmlElement {
  const { header } = parts;
  return el(
    parts.interactionId,
    { xmlns: HL7_NAMESPACE },
    el("id", { root: header.messageId }),
    el("creationTime", { value: header.creationTime }),
    el("versionCode", { code: header.versionCode }),
    el("interactionId", { root: OIDS.interactionId, extension: parts.interactionId }),
    el("processingCode", { code: "P" }),
    el("processingModeCode", { code: "T" }),
    el("acceptAckCode", { code: "NE" }),
    parts.acknowledgement ? acknowledgementEl(parts.acknowledgement) : undefined,
    device("communicationFunctionRcv", "RCV", header.receiverAsid),
    device("communicationFunctionSnd", "SND", header.senderAsid),
    el(
      "ControlActEvent",
      { classCode: "CACT", moodCode: "EVN" },
      parts.author ? authorEl(parts.author) : undefined,
      el(
        "author1",
        { typeCode: "AUT" },
        el(
          "AgentSystemSDS",
          { classCode: "AGNT" },
          el(
            "agentSystemSDS",
            { classCode: "DEV", determinerCode: "INSTANCE" },
            el("id", { root: OIDS.asid, extension: header.systemAsid }),
          ),
        ),
      ),
      (parts.issues ?? []).map(issueEl),
      parts.subjectPayload
        ? el("subject", SUBJECT_ATTRIBUTES[INTERACTIONS[parts.interactionId].controlAct], parts.subjectPayload)
        : undefined,
      parts.query,
      parts.queryResponseCode !== undefined
        ? el("queryAck", { type: "QueryAck" }, el("queryResponseCode", { code: parts.queryResponseCode }))
        : undefined,
    ),
  );
}

export interface ReadMessage {
  interactionId: string;
  header: MessageHeader;
  acknowledgement?: Acknowledgement;
  issues: DetectedIssue[];
  queryResponseCode?: string;
  controlAct?: XmlElement;
  /** First element inside ControlActEvent/subject. */
  subjectPayload?: XmlElement;
  query?: XmlElement;
}

const QUALIFIERS: readonly string[] = ["ER", "WG", "IF"];

function asQualifier(value: string | undefined): IssueQualifier | undefined {
  return value !== undefined && QUALIFIERS.includes(value) ? (value as IssueQualifier) : undefined;
}

function readAcknowledgement(ackEl: XmlElement): Acknowledgement {
  const typeCode = requiredAttr(ackEl, "typeCode", "acknowledgement");
  if (typeCode !== "AA" && typeCode !== "AE" && typeCode !== "AR") {
    throw new Hl7CodecError("invalid_value", `acknowledgement/@typeCode ${typeCode.slice(0, 10)}`);
  }
  const refId = find(ackEl, "messageRef/id");
  const details: AcknowledgementDetail[] = children(ackEl, "acknowledgementDetail").map((d) => {
    const code = child(d, "code");
    const detail: AcknowledgementDetail = {
      typeCode: asQualifier(attr(d, "typeCode")) ?? "ER",
      code: code ? requiredAttr(code, "code", "acknowledgementDetail/code") : "",
    };
    const codeSystem = attr(code, "codeSystem");
    const displayName = attr(code, "displayName");
    if (codeSystem !== undefined) detail.codeSystem = codeSystem;
    if (displayName !== undefined) detail.displayName = displayName;
    return detail;
  });
  return { typeCode, messageRefId: attr(refId, "root") ?? "", details };
}

function readIssue(reason: XmlElement): DetectedIssue | undefined {
  const code = find(reason, "justifyingDetectedIssueEvent/code");
  if (!code) return undefined;
  const issue: DetectedIssue = { code: requiredAttr(code, "code", "justifyingDetectedIssueEvent/code") };
  const codeSystem = attr(code, "codeSystem");
  const displayName = attr(code, "displayName");
  const qualifier = asQualifier(attr(child(code, "qualifier"), "code"));
  if (codeSystem !== undefined) issue.codeSystem = codeSystem;
  if (displayName !== undefined) issue.displayName = displayName;
  if (qualifier !== undefined) issue.qualifier = qualifier;
  return issue;
}

function readAuthor(controlAct: XmlElement): ControlActAuthor | undefined {
  const person = find(controlAct, "author/AgentPersonSDS");
  if (!person) return undefined;
  return {
    roleProfileId: attr(child(person, "id"), "extension") ?? "",
    userId: attr(find(person, "agentPersonSDS/id"), "extension") ?? "",
    jobRoleCode: attr(find(person, "part/partSDSRole/id"), "extension") ?? "",
  };
}

/** Read the wrapper of any LR-domain message. Lenient on optional header parts; strict on id + interactionId. */
export function readMessageElement(root: XmlElement): ReadMessage {
  const messageId = attr(child(root, "id"), "root");
  if (messageId === undefined) throw new Hl7CodecError("missing_element", `${root.name}/id/@root`);
  const interactionId = attr(child(root, "interactionId"), "extension");
  if (interactionId === undefined) throw new Hl7CodecError("missing_element", `${root.name}/interactionId/@extension`);
  const controlAct = child(root, "ControlActEvent");
  const header: MessageHeader = {
    messageId,
    creationTime: attr(child(root, "creationTime"), "value") ?? "",
    versionCode: attr(child(root, "versionCode"), "code") ?? "",
    senderAsid: attr(find(root, "communicationFunctionSnd/device/id"), "extension") ?? "",
    receiverAsid: attr(find(root, "communicationFunctionRcv/device/id"), "extension") ?? "",
    systemAsid: controlAct ? (attr(find(controlAct, "author1/AgentSystemSDS/agentSystemSDS/id"), "extension") ?? "") : "",
  };
  const author = controlAct ? readAuthor(controlAct) : undefined;
  if (author) header.author = author;
  const ackEl = child(root, "acknowledgement");
  const issues = controlAct
    ? children(controlAct, "reason")
        .map(readIssue)
        .filter((i): i is DetectedIssue => i !== undefined)
    : [];
  const result: ReadMessage = { interactionId, header, issues };
  if (ackEl) result.acknowledgement = readAcknowledgement(ackEl);
  if (controlAct) {
    result.controlAct = controlAct;
    const subjectPayload = findAll(controlAct, "subject/*")[0];
    if (subjectPayload) result.subjectPayload = subjectPayload;
    const query = child(controlAct, "query");
    if (query) result.query = query;
    const queryResponseCode = attr(find(controlAct, "queryAck/queryResponseCode"), "code");
    if (queryResponseCode !== undefined) result.queryResponseCode = queryResponseCode;
  }
  return result;
}
