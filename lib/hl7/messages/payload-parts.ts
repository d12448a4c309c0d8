import { Hl7CodecError } from "@/lib/hl7/errors";
import type { CreateLrAuthor, LrSubject } from "@/lib/hl7/messages/create-lr";
import type { ListSubject } from "@/lib/hl7/messages/lr-lists";
import type { Identifier } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { nonNull, nullEl, readId } from "@/lib/hl7/wrapper/datatypes";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, childElements, children, find, required, requiredAttr, textOf } from "@/lib/hl7/xml/xml-query";

/** Payload fragments shared by several message types (docs/domain.md §5.2). */

/** Author of a status change / list entry: AgentPersonSDS or AgentDeviceSDS. */
export type LrActor = { kind: "user"; roleProfileId: string; userId: string } | { kind: "system"; asid: string };

/** Optional parameterList of the confirm / batch confirm queries. */
export interface QueryUserParameters {
  userId: string;
  roleProfileId: string;
  /** workgroupCode values (root …0.2.0.109). */
  workgroupIds: string[];
}

/** Encodes a typed payload into its root element and reads it back. */
export interface PayloadCodec<T> {
  build(payload: T): XmlElement;
  read(root: XmlElement): T;
}

/** semanticsText values: only "non-empty" is checked by Spine, so we use the parameter names (INFERRED). */
export const SEMANTICS_TEXT = {
  otherPerson: "OtherPerson",
  userId: "UserID",
  roleProfileId: "UserRoleProfileID",
  workgroupCode: "WorkgroupCode",
  patientId: "Patient.Id",
  responseType: "Response.Type",
  dissentOverride: "DissentOverride",
  timePeriod: "Time.Period",
  organizationCode: "OrganizationCode",
} as const;

const PSN = { classCode: "PSN", determinerCode: "INSTANCE" };
const ORG = { classCode: "ORG", determinerCode: "INSTANCE" };
const DEV = { classCode: "DEV", determinerCode: "INSTANCE" };

export function extensionOf(element: XmlElement, path: string): string {
  const found = required(element, path);
  return requiredAttr(found, "extension", `${element.name}/${path}`);
}

export function optionalExtension(element: XmlElement, path: string): string | undefined {
  return attr(find(element, path), "extension");
}

export function recordTargetEl(nhsNumber: string): XmlElement {
  return el(
    "recordTarget",
    { typeCode: "RCT" },
    el("patient", { classCode: "PAT" }, el("id", { root: OIDS.nhsNumber, extension: nhsNumber })),
  );
}

export function readRecordTarget(root: XmlElement): string {
  return extensionOf(root, "recordTarget/patient/id");
}

function personSdsEl(roleProfileId: string, userId: string, name: string, classCode = "AGNT"): XmlElement {
  return el(
    name,
    { classCode },
    el("id", { root: OIDS.roleProfileId, extension: roleProfileId }),
    el("agentPersonSDS", PSN, el("id", { root: OIDS.userId, extension: userId })),
  );
}

function deviceSdsEl(asid: string): XmlElement {
  return el("AgentDeviceSDS", { classCode: "AGNT" }, el("agentDeviceSDS", DEV, el("id", { root: OIDS.asid, extension: asid })));
}

/** OtherPerson is a role (classCode AGNT, no determinerCode) in REPC_MT010101UK15, REPC_MT090101UK32 and REPC_MT100101UK32. */
function otherPersonEl(id: Identifier): XmlElement {
  return el("OtherPerson", { classCode: "AGNT" }, el("id", { root: id.root, extension: id.extension }));
}

/** The one role element under a participation (subject/author), whatever its name. */
function roleOf(participation: XmlElement): XmlElement {
  const role = childElements(participation)[0];
  if (!role) throw new Hl7CodecError("missing_element", `${participation.name}/*`);
  return role;
}

export function lrSubjectEl(subject: LrSubject): XmlElement {
  let role: XmlElement;
  switch (subject.kind) {
    case "user":
      role = personSdsEl(subject.roleProfileId, subject.userId, "AgentPersonSDS");
      break;
    case "workgroup":
      role = el(
        "AgentOrgSDS",
        { classCode: "AGNT" },
        subject.roleProfileId !== undefined ? el("id", { root: OIDS.roleProfileId, extension: subject.roleProfileId }) : undefined,
        subject.code
          ? el("code", { code: subject.code.code, codeSystem: subject.code.codeSystem, displayName: subject.code.displayName })
          : undefined,
        el(
          "agentOrganizationSDS",
          ORG,
          el("id", { root: subject.workgroupIdRoot ?? OIDS.sdsOrganisation, extension: subject.workgroupId }),
        ),
      );
      break;
    case "other":
      role = otherPersonEl(subject.id);
      break;
  }
  return el("subject", { typeCode: "SBJ" }, role);
}

export function readLrSubject(participation: XmlElement): LrSubject {
  const role = roleOf(participation);
  switch (role.name) {
    case "AgentPersonSDS":
      return { kind: "user", roleProfileId: extensionOf(role, "id"), userId: extensionOf(role, "agentPersonSDS/id") };
    case "AgentOrgSDS": {
      const idEl = required(role, "agentOrganizationSDS/id");
      const subject: LrSubject = { kind: "workgroup", workgroupId: requiredAttr(idEl, "extension", "agentOrganizationSDS/id") };
      const root = attr(idEl, "root");
      if (root !== undefined && root !== OIDS.sdsOrganisation) subject.workgroupIdRoot = root;
      const urp = optionalExtension(role, "id");
      if (urp !== undefined) subject.roleProfileId = urp;
      const code = child(role, "code");
      if (code) subject.code = readCodedEl(code);
      return subject;
    }
    case "OtherPerson":
      return { kind: "other", id: readId(role) };
    default:
      throw new Hl7CodecError("invalid_value", `unexpected subject ${role.name.slice(0, 40)}`);
  }
}

function readCodedEl(element: XmlElement) {
  const coded: { code: string; codeSystem?: string; displayName?: string } = { code: requiredAttr(element, "code") };
  const codeSystem = attr(element, "codeSystem");
  const displayName = attr(element, "displayName");
  if (codeSystem !== undefined) coded.codeSystem = codeSystem;
  if (displayName !== undefined) coded.displayName = displayName;
  return coded;
}

export function createAuthorEl(author: CreateLrAuthor): XmlElement {
  const role =
    author.kind === "system"
      ? deviceSdsEl(author.asid)
      : el(
          "AgentPerson",
          { classCode: "AGNT" },
          el("id", { root: OIDS.roleProfileId, extension: author.roleProfileId }),
          el("agentPersonSDS", PSN, el("id", { root: OIDS.userId, extension: author.userId })),
          author.workgroupIds && author.workgroupIds.length > 0
            ? el(
                "representedOrganization",
                ORG,
                author.workgroupIds.map((id) => el("id", { root: OIDS.sdsOrganisation, extension: id })),
              )
            : undefined,
        );
  return el("author", { typeCode: "AUT" }, role);
}

export function readCreateAuthor(participation: XmlElement): CreateLrAuthor {
  const role = roleOf(participation);
  if (role.name === "AgentDeviceSDS") return { kind: "system", asid: extensionOf(role, "agentDeviceSDS/id") };
  if (role.name === "AgentPerson" || role.name === "AgentPersonSDS") {
    const author: CreateLrAuthor = { kind: "user", roleProfileId: extensionOf(role, "id"), userId: extensionOf(role, "agentPersonSDS/id") };
    const org = child(role, "representedOrganization");
    if (org) author.workgroupIds = children(org, "id").map((i) => requiredAttr(i, "extension", "representedOrganization/id"));
    return author;
  }
  throw new Hl7CodecError("invalid_value", `unexpected author ${role.name.slice(0, 40)}`);
}

export function actorEl(actor: LrActor, name = "author"): XmlElement {
  return el(
    name,
    { typeCode: "AUT" },
    actor.kind === "system" ? deviceSdsEl(actor.asid) : personSdsEl(actor.roleProfileId, actor.userId, "AgentPersonSDS"),
  );
}

export function readActor(participation: XmlElement): LrActor {
  const role = roleOf(participation);
  if (role.name === "AgentDeviceSDS") return { kind: "system", asid: extensionOf(role, "agentDeviceSDS/id") };
  if (role.name === "AgentPersonSDS" || role.name === "AgentPerson") {
    return { kind: "user", roleProfileId: extensionOf(role, "id"), userId: extensionOf(role, "agentPersonSDS/id") };
  }
  throw new Hl7CodecError("invalid_value", `unexpected author ${role.name.slice(0, 40)}`);
}

// ---- query parameters ({value, semanticsText}) ----

export function paramEl(name: string, value: XmlElement, semanticsText: string, semanticsFirst = false): XmlElement {
  const text = el("semanticsText", {}, semanticsText);
  return semanticsFirst ? el(name, {}, text, value) : el(name, {}, value, text);
}

export function iiParam(name: string, root: string, extension: string | undefined, semanticsText: string): XmlElement {
  return paramEl(name, el("value", { root, extension }), semanticsText);
}

export function paramValue(query: XmlElement, name: string): XmlElement {
  return required(query, `${name}/value`);
}

export function paramExtension(query: XmlElement, name: string): string {
  return requiredAttr(paramValue(query, name), "extension", `${name}/value`);
}

export function parameterListEl(params: QueryUserParameters): XmlElement {
  return el(
    "parameterList",
    {},
    iiParam("userID", OIDS.userId, params.userId, SEMANTICS_TEXT.userId),
    iiParam("userRoleProfileID", OIDS.roleProfileId, params.roleProfileId, SEMANTICS_TEXT.roleProfileId),
    params.workgroupIds.map((id) => iiParam("workgroupCode", OIDS.sdsOrganisation, id, SEMANTICS_TEXT.workgroupCode)),
  );
}

export function readParameterList(list: XmlElement): QueryUserParameters {
  return {
    userId: paramExtension(list, "userID"),
    roleProfileId: paramExtension(list, "userRoleProfileID"),
    workgroupIds: children(list, "workgroupCode").map((w) => requiredAttr(required(w, "value"), "extension", "workgroupCode/value")),
  };
}

export function otherPersonParamEl(id: Identifier): XmlElement {
  return iiParam("otherPerson", id.root, id.extension, SEMANTICS_TEXT.otherPerson);
}

export function readOtherPersonParam(query: XmlElement): Identifier | undefined {
  const p = child(query, "otherPerson");
  if (!p) return undefined;
  const value = required(p, "value");
  const root = requiredAttr(value, "root", "otherPerson/value");
  const extension = attr(value, "extension");
  return extension === undefined ? { root } : { root, extension };
}

// ---- list subjects (SimpleLRList / CompleteLRList) ----

export function listSubjectEl(subject: ListSubject): XmlElement {
  let role: XmlElement;
  switch (subject.kind) {
    case "user":
      role = personSdsEl(subject.roleProfileId, subject.userId, "AgentPersonSDS");
      break;
    case "other":
      role = otherPersonEl(subject.id);
      break;
    case "workgroup":
      role = el(
        "AgentOrgSDS",
        { classCode: "AGNT" },
        subject.code
          ? el("code", { code: subject.code.code, codeSystem: subject.code.codeSystem, displayName: subject.code.displayName })
          : undefined,
        el(
          "agentWorkgroupSDS",
          ORG,
          el("id", { root: OIDS.sdsOrganisation, extension: subject.workgroupId }),
          subject.workgroupName !== undefined ? el("name", {}, subject.workgroupName) : nullEl("name"),
        ),
        // UKCT_MT160016UK01: representedOrganizationSDS{id?, name} and the workgroup's name are mandatory.
        el(
          "representedOrganizationSDS",
          ORG,
          subject.organizationId !== undefined ? el("id", { root: OIDS.odsOrganisation, extension: subject.organizationId }) : undefined,
          subject.organizationName !== undefined ? el("name", {}, subject.organizationName) : nullEl("name"),
        ),
      );
      break;
  }
  return el("subject", { typeCode: "SBJ" }, role);
}

export function readListSubject(participation: XmlElement): ListSubject {
  const role = roleOf(participation);
  switch (role.name) {
    case "AgentPersonSDS":
      return { kind: "user", roleProfileId: extensionOf(role, "id"), userId: extensionOf(role, "agentPersonSDS/id") };
    case "OtherPerson":
      return { kind: "other", id: readId(role) };
    case "AgentOrgSDS": {
      const subject: ListSubject = { kind: "workgroup", workgroupId: extensionOf(role, "agentWorkgroupSDS/id") };
      const code = child(role, "code");
      if (code) subject.code = readCodedEl(code);
      const name = nonNull(find(role, "agentWorkgroupSDS/name"));
      if (name) subject.workgroupName = textOf(name) ?? "";
      const org = child(role, "representedOrganizationSDS");
      if (org) {
        const orgId = optionalExtension(org, "id");
        if (orgId !== undefined) subject.organizationId = orgId;
        const orgName = nonNull(child(org, "name"));
        if (orgName) subject.organizationName = textOf(orgName) ?? "";
      }
      return subject;
    }
    default:
      throw new Hl7CodecError("invalid_value", `unexpected subject ${role.name.slice(0, 40)}`);
  }
}
