import {
  buildEbxmlMessage,
  buildRequest,
  buildSoapRequest,
  type ControlActAuthor,
  type Hl7Request,
  INTERACTIONS,
  type MessageHeader,
  makeRequestHeader,
  newMessageId,
  type RequestInteractionId,
  type RequestPayloads,
} from "@/lib/hl7";

/** Test-only helpers: the requests a well-behaved BFF would send (built with the shared codec). */

export const BFF = {
  asid: "900000000001",
  partyKey: "9000LR-900001",
  cpaId: "S9000LRM0001",
  /** As simulator/data/sds-registry.json and lib/config/spine-routes.json: one CPA per service. */
  cpaIdByService: {
    "urn:nhs:names:services:lrs": "S9000LRM0001",
    "urn:nhs:names:services:lrsquery": "S9000LRQ0001",
    "urn:nhs:names:services:sds": "S9000SDS0001",
    "urn:nhs:names:services:sdsquery": "S9000SDQ0001",
    "urn:nhs:names:services:alerts": "S9000ALR0001",
  },
} as const;
export const QUERY_ONLY_SYSTEM = { asid: "900000000002", partyKey: "9000QO-900002", cpaId: "S9000QRY0002" } as const;
export const SPINE_ASID = "990000000001";

export const GP: ControlActAuthor = { roleProfileId: "900000000101", userId: "900000000001", jobRoleCode: "S8000:G8000:R8000" };
export const NURSE: ControlActAuthor = { roleProfileId: "900000000201", userId: "900000000002", jobRoleCode: "S8000:G8000:R8001" };
export const CLERK: ControlActAuthor = { roleProfileId: "900000000501", userId: "900000000005", jobRoleCode: "S8001:G8002:R8010" };

export function requestHeader(overrides: Partial<MessageHeader> = {}): MessageHeader {
  return { ...makeRequestHeader({ senderAsid: BFF.asid, receiverAsid: SPINE_ASID, author: GP }), ...overrides };
}

export function hl7Request<K extends RequestInteractionId>(
  interactionId: K,
  payload: RequestPayloads[K],
  header: Partial<MessageHeader> = {},
): Hl7Request {
  return { interactionId, header: requestHeader(header), payload } as Hl7Request;
}

/** A privacy-officer alert (COMT_IN000001UK01) caused by the GP persona, self-claim type with reason 4. */
export function alertPayload(
  nhsNumber: string,
  overrides: Partial<RequestPayloads["COMT_IN000001UK01"]> = {},
): RequestPayloads["COMT_IN000001UK01"] {
  return {
    alertId: newMessageId(),
    alertType: { code: "1", codeSystem: "2.999.1", displayName: "Create LR (Self Claimed)" },
    effectiveTime: "20250101120000",
    author: {
      roleProfileId: GP.roleProfileId,
      userId: GP.userId,
      roleName: "General Medical Practitioner",
      personName: "SYNTHETIC GP ONE",
      organisation: { odsCode: "ZZP001", name: "SYNTHETIC SURGERY (FAKE)" },
    },
    notification: { id: newMessageId(), text: "Alert: self-claimed LR" },
    device: { asid: BFF.asid, name: "LR Manager" },
    reason: { id: newMessageId(), code: { code: "4", codeSystem: "2.999.2", displayName: "Self-Claim Emergency Access" } },
    reasonText: { id: newMessageId(), text: "Patient unconscious" },
    nhsNumber,
    ...overrides,
  };
}

export function createLrPayload(
  nhsNumber: string,
  overrides: Partial<RequestPayloads["REPC_IN010000UK15"]> = {},
): RequestPayloads["REPC_IN010000UK15"] {
  return {
    lrType: "08",
    subject: { kind: "user", roleProfileId: NURSE.roleProfileId, userId: NURSE.userId },
    nhsNumber,
    author: { kind: "user", roleProfileId: NURSE.roleProfileId, userId: NURSE.userId },
    accessReason: { text: "Patient attending the emergency department", code: "04" },
    alertRequested: true,
    ...overrides,
  };
}

export interface HttpMessage {
  body: string;
  headers: Record<string, string>;
}

/** POST-ready ebXML for a request (defaults: the BFF's party, its CPA for the request's service and a fresh conversation). */
export function ebxmlFor(
  request: Hl7Request,
  overrides: { cpaId?: string; fromPartyId?: string; conversationId?: string } = {},
): HttpMessage {
  const message = buildEbxmlMessage(request, {
    fromPartyId: overrides.fromPartyId ?? BFF.partyKey,
    toPartyId: "SIM-990001",
    cpaId: overrides.cpaId ?? BFF.cpaIdByService[INTERACTIONS[request.interactionId].service],
    conversationId: overrides.conversationId ?? newMessageId(),
  });
  return { body: message.body, headers: { "content-type": message.contentType, soapaction: message.soapAction } };
}

export function soapFor(request: Hl7Request, to = "http://127.0.0.1/sync-service"): HttpMessage {
  const message = buildSoapRequest(request, { to, fromAddress: "http://127.0.0.1:3000" });
  return { body: message.body, headers: { "content-type": message.contentType, soapaction: message.soapAction } };
}

export function mhsFor(request: Hl7Request, waitForResponse: boolean, xml = buildRequest(request)): HttpMessage {
  return {
    body: JSON.stringify({ payload: xml }),
    headers: {
      "content-type": "application/json",
      "interaction-id": request.interactionId,
      "wait-for-response": String(waitForResponse),
      "message-id": request.header.messageId,
      "correlation-id": newMessageId(),
      "from-asid": request.header.senderAsid,
    },
  };
}

export async function post(url: string, message: HttpMessage): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, { method: "POST", headers: message.headers, body: message.body });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
