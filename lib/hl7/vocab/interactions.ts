import type { InteractionId, ReplyInteractionId, RequestInteractionId } from "@/lib/hl7/types";

/**
 * Interaction catalogue (docs/domain.md §1). Services and patterns marked INFERRED in the
 * reference (batch, sdsquery) are kept here as data so they can be corrected in one place.
 */
export type MessagePattern = "sync" | "async-reliable" | "async-express";
export type SpineService =
  | "urn:nhs:names:services:lrs"
  | "urn:nhs:names:services:lrsquery"
  | "urn:nhs:names:services:sds"
  | "urn:nhs:names:services:sdsquery"
  | "urn:nhs:names:services:alerts";

export type ControlActWrapper = "MCAI_MT040101UK03" | "QUQI_MT050000UK01" | "QUQI_MT030101UK03";

export interface InteractionInfo {
  id: InteractionId;
  name: string;
  direction: "request" | "reply";
  service: SpineService;
  pattern: MessagePattern;
  /** Replies a request may receive (success first); empty for replies. Queries may also meet MCCI AR: Spine rejects any message that fails its generic validation with MCCI_IN010000UK13 (docs/domain.md §1.3, §7.1). */
  replies: readonly ReplyInteractionId[];
  /** Local name of the payload root inside ControlActEvent/subject (or "query"). */
  payloadRoot: string;
  /** "subject" for updates and replies, "query" for queries. */
  payloadSlot: "subject" | "query" | "none";
  /**
   * The ControlActEvent wrapper its schema uses: MCAI_MT040101UK03 (updates and their replies),
   * QUQI_MT050000UK01 (query requests) or QUQI_MT030101UK03 (query replies). FOUND in the MIM 7.2.02
   * interaction schemas (lib/hl7/schemas/README.md); the wrapper decides which subject attributes exist.
   */
  controlAct: ControlActWrapper;
  /** Spine path the request is POSTed to (requests only). */
  spinePath?: string;
  /** True where the reference marks service/pattern as INFERRED. */
  inferred?: boolean;
}

const LRS: SpineService = "urn:nhs:names:services:lrs";
const LRSQUERY: SpineService = "urn:nhs:names:services:lrsquery";
const SDS: SpineService = "urn:nhs:names:services:sds";
const SDSQUERY: SpineService = "urn:nhs:names:services:sdsquery";
const ALERTS: SpineService = "urn:nhs:names:services:alerts";
const RELIABLE_PATH = "/reliablemessaging/reliablerequest";
const QUERY_PATH = "/reliablemessaging/queryrequest";
const SYNC_PATH = "/sync-service";

export const INTERACTIONS: Record<InteractionId, InteractionInfo> = {
  REPC_IN010000UK15: {
    id: "REPC_IN010000UK15",
    name: "Create LR",
    direction: "request",
    service: LRS,
    pattern: "async-reliable",
    replies: ["REPC_IN020000UK13", "MCCI_IN010000UK13"],
    payloadRoot: "CreateRequest",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
    spinePath: RELIABLE_PATH,
  },
  REPC_IN040000UK15: {
    id: "REPC_IN040000UK15",
    name: "Change LR status",
    direction: "request",
    service: LRS,
    pattern: "async-reliable",
    replies: ["REPC_IN050000UK13", "MCCI_IN010000UK13"],
    payloadRoot: "SCRequest",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
    spinePath: RELIABLE_PATH,
  },
  QUPC_IN010000UK32: {
    id: "QUPC_IN010000UK32",
    name: "Confirm LR query",
    direction: "request",
    service: LRSQUERY,
    pattern: "sync",
    replies: ["QUPC_IN030000UK14", "QUPC_IN040000UK30", "QUQI_IN010000UK14", "MCCI_IN010000UK13"],
    payloadRoot: "query",
    payloadSlot: "query",
    controlAct: "QUQI_MT050000UK01",
    spinePath: SYNC_PATH,
  },
  QUPC_IN020000UK17: {
    id: "QUPC_IN020000UK17",
    name: "LR details query",
    direction: "request",
    service: LRSQUERY,
    pattern: "async-express",
    replies: ["QUPC_IN060000UK32", "QUPC_IN070000UK32", "QUQI_IN010000UK14", "MCCI_IN010000UK13"],
    payloadRoot: "query",
    payloadSlot: "query",
    controlAct: "QUQI_MT050000UK01",
    spinePath: QUERY_PATH,
  },
  QUPC_IN090000UK03: {
    id: "QUPC_IN090000UK03",
    name: "Batch confirm LR query",
    direction: "request",
    service: LRSQUERY,
    pattern: "async-express",
    replies: ["QUPC_IN250000UK02", "QUQI_IN010000UK14", "MCCI_IN010000UK13"],
    payloadRoot: "query",
    payloadSlot: "query",
    controlAct: "QUQI_MT050000UK01",
    spinePath: QUERY_PATH,
    inferred: true,
  },
  QUPC_IN010102UK01: {
    id: "QUPC_IN010102UK01",
    name: "Identify user role profiles",
    direction: "request",
    service: SDSQUERY,
    pattern: "async-express",
    replies: ["QUPC_IN010103UK01", "QUQI_IN010000UK14", "MCCI_IN010000UK13"],
    payloadRoot: "query",
    payloadSlot: "query",
    controlAct: "QUQI_MT050000UK01",
    spinePath: QUERY_PATH,
    inferred: true,
  },
  QUPC_IN041234UK01: {
    id: "QUPC_IN041234UK01",
    name: "Workgroup query",
    direction: "request",
    service: SDSQUERY,
    pattern: "async-express",
    replies: ["REPC_IN130007UK01", "QUQI_IN010000UK14", "MCCI_IN010000UK13"],
    payloadRoot: "query",
    payloadSlot: "query",
    controlAct: "QUQI_MT050000UK01",
    spinePath: QUERY_PATH,
    inferred: true,
  },
  REPC_IN130002UK01: {
    id: "REPC_IN130002UK01",
    name: "Add user to workgroup",
    direction: "request",
    service: SDS,
    pattern: "async-reliable",
    replies: ["REPC_IN130003UK01", "MCCI_IN010000UK13"],
    payloadRoot: "AddToWorkgroupRequest",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
    spinePath: RELIABLE_PATH,
  },
  REPC_IN130004UK01: {
    id: "REPC_IN130004UK01",
    name: "Remove user from workgroup",
    direction: "request",
    service: SDS,
    pattern: "async-reliable",
    replies: ["REPC_IN130005UK01", "MCCI_IN010000UK13"],
    payloadRoot: "RemoveFromWorkgroupRequest",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
    spinePath: RELIABLE_PATH,
  },
  // Privacy-officer alert (docs/domain.md §10): the MHS adaptor's catalogue entry and SDS registration
  // (urn:nhs:names:services:alerts:COMT_IN000001UK01 and :MCCI_IN010000UK13) are FOUND; MCCI as its
  // asynchronous business reply, AA on success, is INFERRED.
  COMT_IN000001UK01: {
    id: "COMT_IN000001UK01",
    name: "Send privacy-officer alert",
    direction: "request",
    service: ALERTS,
    pattern: "async-reliable",
    replies: ["MCCI_IN010000UK13"],
    payloadRoot: "AlertEvent",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
    spinePath: RELIABLE_PATH,
  },
  REPC_IN020000UK13: {
    id: "REPC_IN020000UK13",
    name: "LR created",
    direction: "reply",
    service: LRS,
    pattern: "async-reliable",
    replies: [],
    payloadRoot: "CreationResponseConfirm",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
  },
  REPC_IN050000UK13: {
    id: "REPC_IN050000UK13",
    name: "LR status changed",
    direction: "reply",
    service: LRS,
    pattern: "async-reliable",
    replies: [],
    payloadRoot: "SCConfirm",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
  },
  QUPC_IN030000UK14: {
    id: "QUPC_IN030000UK14",
    name: "Confirm LR: short answer",
    direction: "reply",
    service: LRSQUERY,
    pattern: "sync",
    replies: [],
    payloadRoot: "LRExists",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
  },
  QUPC_IN040000UK30: {
    id: "QUPC_IN040000UK30",
    name: "Confirm LR: historic answer",
    direction: "reply",
    service: LRSQUERY,
    pattern: "sync",
    replies: [],
    payloadRoot: "ConfirmHistory",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
  },
  QUPC_IN060000UK32: {
    id: "QUPC_IN060000UK32",
    name: "LR details: simple list",
    direction: "reply",
    service: LRSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "SimpleLRList",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
  },
  QUPC_IN070000UK32: {
    id: "QUPC_IN070000UK32",
    name: "LR details: complete list",
    direction: "reply",
    service: LRSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "CompleteLRList",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
  },
  QUPC_IN250000UK02: {
    id: "QUPC_IN250000UK02",
    name: "Batch confirmation list",
    direction: "reply",
    service: LRSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "ConfirmationList",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
    inferred: true,
  },
  QUPC_IN010103UK01: {
    id: "QUPC_IN010103UK01",
    name: "User role profiles",
    direction: "reply",
    service: SDSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "URPIDResponse",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
    inferred: true,
  },
  REPC_IN130007UK01: {
    id: "REPC_IN130007UK01",
    name: "Workgroup query response",
    direction: "reply",
    service: SDSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "WorkgroupMemberQueryResponse",
    payloadSlot: "subject",
    controlAct: "QUQI_MT030101UK03",
    inferred: true,
  },
  REPC_IN130003UK01: {
    id: "REPC_IN130003UK01",
    name: "Added to workgroup",
    direction: "reply",
    service: SDS,
    pattern: "async-reliable",
    replies: [],
    payloadRoot: "AddToWorkgroupResponse",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
  },
  REPC_IN130005UK01: {
    id: "REPC_IN130005UK01",
    name: "Removed from workgroup",
    direction: "reply",
    service: SDS,
    pattern: "async-reliable",
    replies: [],
    payloadRoot: "RemoveFromWorkgroupResponse",
    payloadSlot: "subject",
    controlAct: "MCAI_MT040101UK03",
  },
  MCCI_IN010000UK13: {
    id: "MCCI_IN010000UK13",
    name: "Update error",
    direction: "reply",
    service: LRS,
    pattern: "async-reliable",
    replies: [],
    payloadRoot: "",
    payloadSlot: "none",
    controlAct: "MCAI_MT040101UK03",
  },
  QUQI_IN010000UK14: {
    id: "QUQI_IN010000UK14",
    name: "Query error",
    direction: "reply",
    service: LRSQUERY,
    pattern: "async-express",
    replies: [],
    payloadRoot: "",
    payloadSlot: "none",
    controlAct: "QUQI_MT030101UK03",
  },
};

export const REQUEST_INTERACTION_IDS = Object.values(INTERACTIONS)
  .filter((i) => i.direction === "request")
  .map((i) => i.id) as RequestInteractionId[];

export const REPLY_INTERACTION_IDS = Object.values(INTERACTIONS)
  .filter((i) => i.direction === "reply")
  .map((i) => i.id) as ReplyInteractionId[];

export function isRequestInteraction(id: string): id is RequestInteractionId {
  return (REQUEST_INTERACTION_IDS as string[]).includes(id);
}

export function isReplyInteraction(id: string): id is ReplyInteractionId {
  return (REPLY_INTERACTION_IDS as string[]).includes(id);
}

/** HTTP SOAPAction / wsa:Action: "<service>/<interactionId>". Errors travel on the request's service. */
export function soapActionFor(id: InteractionId, service: SpineService = INTERACTIONS[id].service): string {
  return `${service}/${id}`;
}

export function ebxmlServiceAction(
  id: InteractionId,
  service: SpineService = INTERACTIONS[id].service,
): { service: string; action: string } {
  return { service, action: id };
}

/**
 * Services an interaction may be announced on: its own; MCCI/QUQI errors travel on whichever
 * service their request used (docs/domain.md §1.3).
 */
export function servicesOf(id: InteractionId): readonly SpineService[] {
  return INTERACTIONS[id].payloadSlot === "none" ? [LRS, LRSQUERY, SDS, SDSQUERY, ALERTS] : [INTERACTIONS[id].service];
}

/**
 * "<service>/<interactionId>" (HTTP form) or "<service>:<interactionId>" (SDS form), optionally
 * quoted — and only on a service that carries the interaction (docs/domain.md §1.4): any other
 * prefix names nothing Spine serves, so it answers TMS 101.
 */
export function interactionFromSoapAction(soapAction: string): InteractionId | undefined {
  const trimmed = soapAction.trim().replace(/^"|"$/g, "");
  const match = /^(urn:nhs:names:services:[a-z]+)[/:]([A-Z]{4}_IN\d{6}[A-Z]{2}\d{2})$/.exec(trimmed);
  const [, service, id] = match ?? [];
  if (!service || !id || !(id in INTERACTIONS)) return undefined;
  const interactionId = id as InteractionId;
  return (servicesOf(interactionId) as readonly string[]).includes(service) ? interactionId : undefined;
}

/** Reliability flags per pattern (docs/domain.md §8.3: MHS hard-codes these per workflow). */
export const RELIABILITY_BY_PATTERN: Record<MessagePattern, { duplicateElimination: boolean; ackRequested: boolean; syncReply: boolean }> =
  {
    "async-reliable": { duplicateElimination: true, ackRequested: true, syncReply: true },
    "async-express": { duplicateElimination: false, ackRequested: false, syncReply: true },
    sync: { duplicateElimination: false, ackRequested: false, syncReply: false },
  };

/**
 * How a reply to this request travels: on the request's pattern, not the reply's own catalogue
 * entry — an MCCI/QUQI error to an async-express query is express too (SyncReply only, no
 * DuplicateElimination / AckRequested, never retried) (docs/domain.md §1.3, §8.3).
 */
export function replyReliability(requestId: RequestInteractionId): (typeof RELIABILITY_BY_PATTERN)[MessagePattern] {
  return RELIABILITY_BY_PATTERN[INTERACTIONS[requestId].pattern];
}
