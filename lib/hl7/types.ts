/**
 * Typed models of the LR-domain HL7 V3 messages (docs/domain.md §5).
 * These are the contract between the BFF (which builds requests / parses replies) and the Spine
 * simulator (which parses requests / builds replies). Extend, never rename.
 *
 * Conventions: codes are plain strings (vocabularies live in `lib/hl7/vocab`); HL7 timestamps are
 * strings in HL7 TS form (YYYYMMDDHHMMSS); identifiers that always use one OID carry only the
 * extension (the codec writes the root).
 */

/** An HL7 II where the root varies (e.g. OtherPerson). */
export interface Identifier {
  root: string;
  extension?: string;
}

/** An HL7 CV/CD. */
export interface Coded {
  code: string;
  codeSystem?: string;
  displayName?: string;
}

// ---------------------------------------------------------------------------------------------
// Interaction ids
// ---------------------------------------------------------------------------------------------

export type RequestInteractionId =
  | "REPC_IN010000UK15" // create LR
  | "REPC_IN040000UK15" // change LR status
  | "QUPC_IN010000UK32" // confirm LR query
  | "QUPC_IN020000UK17" // LR details query
  | "QUPC_IN090000UK03" // batch confirm query
  | "QUPC_IN010102UK01" // identify user role profiles
  | "QUPC_IN041234UK01" // workgroup query
  | "REPC_IN130002UK01" // add user to workgroup
  | "REPC_IN130004UK01" // remove user from workgroup
  | "COMT_IN000001UK01"; // privacy-officer alert (alerts service)

export type ReplyInteractionId =
  | "REPC_IN020000UK13" // LR created
  | "REPC_IN050000UK13" // LR status changed
  | "QUPC_IN030000UK14" // confirm: short answer
  | "QUPC_IN040000UK30" // confirm: historic answer
  | "QUPC_IN060000UK32" // details: simple list
  | "QUPC_IN070000UK32" // details: complete list
  | "QUPC_IN250000UK02" // batch confirmation list
  | "QUPC_IN010103UK01" // URP id response
  | "REPC_IN130007UK01" // workgroup query response
  | "REPC_IN130003UK01" // add to workgroup response
  | "REPC_IN130005UK01" // remove from workgroup response
  | "MCCI_IN010000UK13" // update error / rejection; the alert's acknowledgement (AA)
  | "QUQI_IN010000UK14"; // query error

export type InteractionId = RequestInteractionId | ReplyInteractionId;

// ---------------------------------------------------------------------------------------------
// Transmission wrapper + ControlActEvent
// ---------------------------------------------------------------------------------------------

/** ControlActEvent/author: the logged-in user (URP + UID + job role are all mandatory when present). */
export interface ControlActAuthor {
  roleProfileId: string;
  userId: string;
  jobRoleCode: string;
}

/** Header fields common to every message (transmission wrapper + ControlActEvent authors). */
export interface MessageHeader {
  /** Upper-case UUID; reused as eb:MessageId and (with "uuid:") wsa:MessageID. */
  messageId: string;
  /** HL7 TS: YYYYMMDDHHMM, YYYYMMDDHHMMSS or YYYYMMDDHHMMSS±ZZzz. */
  creationTime: string;
  /** Not validated by Spine; e.g. "V3NPfIT4.2.00" on requests, "V3NPfIT6.2.00" on Spine replies. */
  versionCode: string;
  senderAsid: string;
  receiverAsid: string;
  /** ControlActEvent/author1/AgentSystemSDS ASID (the sending system). */
  systemAsid: string;
  /** ControlActEvent/author: the acting user (optional on the wire). */
  author?: ControlActAuthor;
}

export type AcknowledgementType = "AA" | "AE" | "AR";
export type IssueQualifier = "ER" | "WG" | "IF";

/** acknowledgement/acknowledgementDetail (AR rejections; codeSystem …17.32). */
export interface AcknowledgementDetail {
  typeCode: IssueQualifier;
  code: string;
  codeSystem?: string;
  displayName?: string;
}

export interface Acknowledgement {
  typeCode: AcknowledgementType;
  /** messageRef/id/@root: the id of the message being answered. */
  messageRefId: string;
  details: AcknowledgementDetail[];
}

/** ControlActEvent/reason/justifyingDetectedIssueEvent (business errors and warnings). */
export interface DetectedIssue {
  code: string;
  codeSystem?: string;
  displayName?: string;
  qualifier?: IssueQualifier;
}

/** Reply header: the request header fields + acknowledgement + issues (+ queryAck for queries). */
export interface ReplyHeader extends Omit<MessageHeader, "author"> {
  acknowledgement: Acknowledgement;
  /** ControlActEvent/reason blocks (empty on success). */
  issues: DetectedIssue[];
  /** queryAck/queryResponseCode ("OK" success, "ID" error) — query replies only. */
  queryResponseCode?: string;
}

// ---------------------------------------------------------------------------------------------
// Shared payload parts
// ---------------------------------------------------------------------------------------------

/** LR subject: a user (URP + UID), a workgroup, or an OtherPerson. */
export type LrSubject =
  | { kind: "user"; roleProfileId: string; userId: string }
  | {
      kind: "workgroup";
      /** agentOrganizationSDS/id extension (12 digits for an SDS workgroup, or an ODS code). */
      workgroupId: string;
      /** Defaults to the SDS organisation/workgroup OID (…0.2.0.109); ODS root (…0.1.10) allowed. */
      workgroupIdRoot?: string;
      /** Optional AgentOrgSDS/id (root …0.2.0.67, exactly 12 chars). */
      roleProfileId?: string;
      code?: Coded;
    }
  | { kind: "other"; id: Identifier };

/** Author of a create request: a person (AgentPerson) or a system (AgentDeviceSDS). */
export type CreateLrAuthor =
  | {
      kind: "user";
      roleProfileId: string;
      userId: string;
      /** representedOrganization/id (root …0.2.0.109): the author's workgroups. */
      workgroupIds?: string[];
    }
  | { kind: "system"; asid: string };

/** Author of a status change / list entry: AgentPersonSDS or AgentDeviceSDS. */
export type LrActor = { kind: "user"; roleProfileId: string; userId: string } | { kind: "system"; asid: string };

/** Optional parameterList of the confirm / batch confirm queries. */
export interface QueryUserParameters {
  userId: string;
  roleProfileId: string;
  /** workgroupCode values (root …0.2.0.109). */
  workgroupIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Request payloads
// ---------------------------------------------------------------------------------------------

export interface CreateLrRequest {
  /** Start of the LR, exactly 14 chars (YYYYMMDDHHMMSS). */
  effectiveTime?: string;
  /** LRType code (…16.11), e.g. "08" Self Claimed Relationship. */
  lrType: string;
  subject: LrSubject;
  nhsNumber: string;
  author: CreateLrAuthor;
  /** pertinentInformation/pertinentLRReason. */
  accessReason?: { text?: string; code?: string };
  /** reason/justifyingAlertRequest/code: true → "True", false → "False" (Dont Know). */
  alertRequested?: boolean;
}

export interface ChangeLrStatusRequest {
  /** SCReasonCode (…16.22). */
  reasonCode: string;
  nhsNumber: string;
  author: LrActor;
  /** pertinentLR/id extension (root …18.3), 1–20 chars. */
  lrId: string;
}

export interface ConfirmLrQuery {
  otherPerson?: Identifier;
  parameterList?: QueryUserParameters;
  nhsNumber: string;
  /** ConfirmationRespType (…17.9): "01" Short, "02" Historic. */
  responseType: string;
}

export interface LrDetailsQuery {
  /** DissentOverride (…17.60). */
  dissentOverride: string;
  nhsNumber: string;
  /** DetailsRespType (…17.10): "01" Simple, "02" Comprehensive. */
  responseType: string;
  /** time.Period as HL7 TS low/high. */
  timePeriod?: { start: string; end?: string };
}

export interface BatchConfirmQuery {
  otherPerson?: Identifier;
  parameterList?: QueryUserParameters;
  /** 1..10 000 NHS numbers. */
  nhsNumbers: string[];
}

export interface UserRoleProfileQuery {
  userId: string;
  /** parameterList/organizationCode (ODS). */
  organizationCode?: string;
  /** parameterList/userRoleProfileID. */
  roleProfileId?: string;
}

export interface WorkgroupQuery {
  /** 1..* workgroupCode values (root …0.2.0.109). */
  workgroupIds: string[];
}

/** AddToWorkgroupRequest / RemoveFromWorkgroupRequest (same shape). */
export interface WorkgroupMembershipRequest {
  /** REG code; vocabulary NOT FOUND — any CV accepted. */
  code: Coded;
  /** The user being added/removed. */
  roleProfileId: string;
  userId: string;
  workgroupId: string;
  /** author/originatingURP/id: who is making the change. */
  originatingRoleProfileId: string;
  /** author/originatingURP/subjectOf/identifiedWorkgroupsOnly: always written (docs/domain.md §3.9); code vocabulary NOT FOUND. */
  identifiedWorkgroupsOnly: { code: Coded; value: boolean };
}

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

// ---------------------------------------------------------------------------------------------
// Reply payloads
// ---------------------------------------------------------------------------------------------

/** A subject as it appears in Simple/Complete LR lists. */
export type ListSubject =
  | { kind: "user"; roleProfileId: string; userId: string }
  | {
      kind: "workgroup";
      code?: Coded;
      workgroupId: string;
      workgroupName?: string;
      organizationId?: string;
      organizationName?: string;
    }
  | { kind: "other"; id: Identifier };

export interface SimpleLrEntry {
  lrId: string;
  /** simpleDetails/code (INFERRED: the LR type — see vocab LIST_FIELD_MEANING). */
  code: Coded;
  effectiveTime?: string;
  subject: ListSubject;
}

export interface CompleteLrEntry {
  lrId: string;
  /** INFERRED: the LR status. */
  code: Coded;
  effectiveTime?: { low?: string; high?: string };
  /** INFERRED: the LR type. */
  reasonCode: Coded;
  subject: ListSubject;
  author: LrActor;
  /** component/sCDetails: the last status change. */
  statusChange?: { reasonCode: Coded; author: LrActor };
  /** pertinentInformation/pertinentReasonTxt. */
  accessReason?: { text?: string; code?: Coded };
}

export type BatchConfirmResult = { kind: "status"; nhsNumber: string; hasLr: boolean } | { kind: "issue"; nhsNumber: string; issue: Coded };

export interface RoleProfile {
  roleProfileId: string;
  /** representedOrganizationSDS/id (ODS code). */
  organizationId?: string;
  /** representedOrganizationSDS/name: the element is mandatory and carries a name (docs/domain.md §5.3). */
  organizationName: string;
  jobRoleCode?: string;
  workgroups: { workgroupId: string; name?: string }[];
}

export interface WorkgroupInfo {
  /** WorkgroupType (…17.181). */
  type: string;
  workgroupId: string;
  name: string;
  /** WorkgroupStatus (…17.184). */
  status: string;
}

export interface WorkgroupMembershipResponse {
  code: Coded;
  roleProfileId: string;
  /** alreadyAMember (add) / wasNotAMember (remove). */
  flag?: { code?: Coded; value: boolean };
}

// ---------------------------------------------------------------------------------------------
// Typed unions
// ---------------------------------------------------------------------------------------------

export interface RequestPayloads {
  REPC_IN010000UK15: CreateLrRequest;
  REPC_IN040000UK15: ChangeLrStatusRequest;
  QUPC_IN010000UK32: ConfirmLrQuery;
  QUPC_IN020000UK17: LrDetailsQuery;
  QUPC_IN090000UK03: BatchConfirmQuery;
  QUPC_IN010102UK01: UserRoleProfileQuery;
  QUPC_IN041234UK01: WorkgroupQuery;
  REPC_IN130002UK01: WorkgroupMembershipRequest;
  REPC_IN130004UK01: WorkgroupMembershipRequest;
  COMT_IN000001UK01: AlertEventRequest;
}

export interface ReplyPayloads {
  REPC_IN020000UK13: { lrId: string };
  REPC_IN050000UK13: { lrId: string };
  QUPC_IN030000UK14: { lrExists: boolean };
  QUPC_IN040000UK30: { code?: Coded; effectiveTime?: string; lrExists: boolean };
  QUPC_IN060000UK32: { nhsNumber: string; entries: SimpleLrEntry[] };
  QUPC_IN070000UK32: { nhsNumber: string; entries: CompleteLrEntry[] };
  QUPC_IN250000UK02: { results: BatchConfirmResult[] };
  QUPC_IN010103UK01: { userId: string; roleProfiles: RoleProfile[] };
  REPC_IN130007UK01: { workgroups: WorkgroupInfo[] };
  REPC_IN130003UK01: WorkgroupMembershipResponse;
  REPC_IN130005UK01: WorkgroupMembershipResponse;
  /** Errors carry everything in the header (acknowledgement AE/AR + issues); an alert's AA has no payload either. */
  MCCI_IN010000UK13: Record<string, never>;
  QUQI_IN010000UK14: Record<string, never>;
}

export type Hl7Request = {
  [K in RequestInteractionId]: { interactionId: K; header: MessageHeader; payload: RequestPayloads[K] };
}[RequestInteractionId];

export type Hl7Reply = {
  [K in ReplyInteractionId]: { interactionId: K; header: ReplyHeader; payload: ReplyPayloads[K] };
}[ReplyInteractionId];

export type RequestOf<K extends RequestInteractionId> = Extract<Hl7Request, { interactionId: K }>;
export type ReplyOf<K extends ReplyInteractionId> = Extract<Hl7Reply, { interactionId: K }>;

// ---------------------------------------------------------------------------------------------
// Transport envelopes
// ---------------------------------------------------------------------------------------------

/** WS-Addressing + HL7 header fields of a sync SOAP envelope. */
export interface SoapHeaderFields {
  /** 41 chars: "uuid:" + upper-case UUID. */
  messageId: string;
  /** "<service>/<interactionId>". */
  action: string;
  to: string;
  fromAddress?: string;
  replyTo?: string;
  /** wsa:RelatesTo ("uuid:…") on responses. */
  relatesTo?: string;
  receiverAsid?: string;
  senderAsid?: string;
}

/** One nasp:error inside a SOAP fault's errorList (or an MHS error list). */
export interface SoapFaultError {
  codeContext: string;
  errorCode: string;
  severity: string;
  location?: string;
  description: string;
}

export interface SoapFault {
  faultCode: string;
  faultString: string;
  errors: SoapFaultError[];
}

export interface EbxmlHeaderFields {
  fromPartyId: string;
  toPartyId: string;
  cpaId: string;
  conversationId: string;
  service: string;
  action: string;
  /** Upper-case UUID (no "uuid:" prefix). */
  messageId: string;
  /** ISO 8601 UTC, e.g. 2024-01-31T12:00:00Z. */
  timestamp: string;
  refToMessageId?: string;
  duplicateElimination: boolean;
  ackRequested: boolean;
  syncReply: boolean;
}

export interface EbxmlError {
  codeContext: string;
  errorCode: string;
  severity: string;
  description: string;
  location?: string;
}

/** A built ebXML multipart/related message, ready to POST. */
export interface EbxmlMultipartMessage {
  body: string;
  contentType: string;
  soapAction: string;
}

/** Result of reading any inbound document on the reply side. */
export type ParsedReplyDocument =
  | { kind: "hl7"; reply: Hl7Reply; soap?: SoapHeaderFields; ebxml?: EbxmlHeaderFields }
  | { kind: "soap-fault"; fault: SoapFault; soap?: Partial<SoapHeaderFields> }
  | { kind: "ebxml-ack"; ebxml: EbxmlHeaderFields }
  | { kind: "ebxml-error"; ebxml: EbxmlHeaderFields; errors: EbxmlError[] };

/** Result of reading any inbound document on the request side (the simulator). */
export interface ParsedRequestDocument {
  request: Hl7Request;
  soap?: SoapHeaderFields;
  ebxml?: EbxmlHeaderFields;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface RuleViolation {
  /** Spine's symbolic name, e.g. "ErrorBase1712.INVALID_LRTYPE". */
  rule: string;
  /** Plain-English explanation. */
  message: string;
}
