/**
 * Typed models of the LR-domain HL7 V3 messages (docs/domain.md §5): what every message shares (identifiers,
 * codes, interaction ids, headers, acknowledgements) and the per-interaction payload maps. Each payload type
 * lives beside its codec in `messages/` (envelopes in `transport/`, `RuleViolation` in `validation/`) and is
 * re-exported here. The contract between the BFF (builds requests / parses replies) and the Spine simulator
 * (parses requests / builds replies). Extend, never rename.
 *
 * Conventions: codes are plain strings (vocabularies live in `lib/hl7/vocab`); HL7 timestamps are
 * strings in HL7 TS form (YYYYMMDDHHMMSS); identifiers that always use one OID carry only the
 * extension (the codec writes the root).
 */

import type { AlertEventRequest } from "@/lib/hl7/messages/alert-event";
import type { BatchConfirmQuery } from "@/lib/hl7/messages/batch-confirm-query";
import type { BatchConfirmResult } from "@/lib/hl7/messages/batch-confirmation-list";
import type { ChangeLrStatusRequest } from "@/lib/hl7/messages/change-lr-status";
import type { ConfirmLrQuery } from "@/lib/hl7/messages/confirm-lr-query";
import type { CreateLrRequest } from "@/lib/hl7/messages/create-lr";
import type { LrDetailsQuery } from "@/lib/hl7/messages/lr-details-query";
import type { CompleteLrEntry, SimpleLrEntry } from "@/lib/hl7/messages/lr-lists";
import type { RoleProfile } from "@/lib/hl7/messages/urp-response";
import type { UserRoleProfileQuery } from "@/lib/hl7/messages/user-role-profile-query";
import type { WorkgroupMembershipRequest } from "@/lib/hl7/messages/workgroup-membership-request";
import type { WorkgroupMembershipResponse } from "@/lib/hl7/messages/workgroup-membership-response";
import type { WorkgroupQuery } from "@/lib/hl7/messages/workgroup-query";
import type { WorkgroupInfo } from "@/lib/hl7/messages/workgroup-query-response";

// Payload, transport and validation types live beside their codecs, re-exported here.
export type { AlertAuthor, AlertEventRequest, AlertText } from "@/lib/hl7/messages/alert-event";
export type { BatchConfirmQuery } from "@/lib/hl7/messages/batch-confirm-query";
export type { BatchConfirmResult } from "@/lib/hl7/messages/batch-confirmation-list";
export type { ChangeLrStatusRequest } from "@/lib/hl7/messages/change-lr-status";
export type { ConfirmLrQuery } from "@/lib/hl7/messages/confirm-lr-query";
export type { CreateLrAuthor, CreateLrRequest, LrSubject } from "@/lib/hl7/messages/create-lr";
export type { LrDetailsQuery } from "@/lib/hl7/messages/lr-details-query";
export type { CompleteLrEntry, ListSubject, SimpleLrEntry } from "@/lib/hl7/messages/lr-lists";
export type { LrActor, QueryUserParameters } from "@/lib/hl7/messages/payload-parts";
export type { RoleProfile } from "@/lib/hl7/messages/urp-response";
export type { UserRoleProfileQuery } from "@/lib/hl7/messages/user-role-profile-query";
export type { WorkgroupMembershipRequest } from "@/lib/hl7/messages/workgroup-membership-request";
export type { WorkgroupMembershipResponse } from "@/lib/hl7/messages/workgroup-membership-response";
export type { WorkgroupQuery } from "@/lib/hl7/messages/workgroup-query";
export type { WorkgroupInfo } from "@/lib/hl7/messages/workgroup-query-response";
export type { ParsedReplyDocument, ParsedRequestDocument } from "@/lib/hl7/transport/documents";
export type { EbxmlError, EbxmlHeaderFields } from "@/lib/hl7/transport/ebxml-envelope";
export type { EbxmlMultipartMessage } from "@/lib/hl7/transport/ebxml-multipart";
export type { SoapHeaderFields } from "@/lib/hl7/transport/soap-envelope";
export type { SoapFault, SoapFaultError } from "@/lib/hl7/transport/soap-fault";
export type { RuleViolation } from "@/lib/hl7/validation/validate-request";

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

// --- Interaction ids ---

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

// --- Transmission wrapper + ControlActEvent ---

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

// --- Typed unions ---

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
