import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors/app-error";
import { type Hl7Reply, type MessageHeader, makeRequestHeader, type RequestInteractionId, type RequestOf } from "@/lib/hl7";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import type { OperationSummary } from "@/server/db/schema";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { sendQuery } from "@/server/spine/send-query";
import { sendUpdate, type UpdateInput, type UpdateResult } from "@/server/spine/send-update";
import { spineRouteFor } from "@/server/spine/spine-route";
import type { SpineRuntime } from "@/server/spine/spine-runtime";

/**
 * Who is acting, for every LR service call: the signed-in user's CIS2 ids and selected role,
 * and a request logger. The sending system's ASIDs come from the Spine runtime (configuration),
 * never from the user.
 */
export interface LrContext {
  /** CIS2 user id (nhsid_useruid, the session `sub`): author of the message. */
  userId: string;
  /** Selected role profile (person_roleid). */
  roleProfileId: string;
  /** ODS code of the selected role's organisation. */
  orgCode: string;
  /** The role's full CIS2 role_code (e.g. "S8000:G8000:R8000"), written as ControlActEvent/author/part/partSDSRole/id. */
  jobRoleCode: string;
  /** Owner of the operations this call starts (defaults to userId): only they may read them. */
  sessionSub?: string;
  log: Logger;
  /** Spine runtime; production leaves it unset and the shared one is used. */
  spine?: SpineRuntime;
}

export function runtimeOf(ctx: LrContext): Promise<SpineRuntime> {
  return ctx.spine ? Promise.resolve(ctx.spine) : getSpineRuntime();
}

export function ownerOf(ctx: LrContext): string {
  return ctx.sessionSub ?? ctx.userId;
}

/**
 * A fresh transmission-wrapper header: new MessageId, ASIDs from config — Spine's ASID is the one
 * routed for the interaction's service — author from the session.
 */
export function newMessageHeader(ctx: LrContext, rt: SpineRuntime, interactionId: RequestInteractionId): MessageHeader {
  return makeRequestHeader(
    {
      senderAsid: rt.options.fromAsid,
      receiverAsid: spineRouteFor(rt.options, interactionId).toAsid,
      author: { roleProfileId: ctx.roleProfileId, userId: ctx.userId, jobRoleCode: ctx.jobRoleCode },
    },
    rt.now(),
  );
}

/** A request as a service call names it; the header is the context's to make. */
export type HeaderlessRequest = { [K in RequestInteractionId]: Omit<RequestOf<K>, "header"> }[RequestInteractionId];

/**
 * A query sent as the context's user: a fresh header, the session owner as the operation's owner
 * and the selected role on its record. Returns Spine's successful reply and the id it answers.
 */
export async function queryAsUser(
  ctx: LrContext,
  request: HeaderlessRequest,
  operation: OperationSummary,
): Promise<{ messageId: string; reply: Hl7Reply }> {
  const rt = await runtimeOf(ctx);
  const header = newMessageHeader(ctx, rt, request.interactionId);
  const reply = await sendQuery(rt, { request: { ...request, header }, actorSub: ownerOf(ctx), roleId: ctx.roleProfileId, operation });
  return { messageId: header.messageId, reply };
}

/** An update sent as the context's user, in the same way as queryAsUser; the rest of its record is the caller's. */
export async function updateAsUser(
  ctx: LrContext,
  request: HeaderlessRequest,
  record: Pick<UpdateInput, "idempotencyKey" | "nhsNumber" | "operation">,
): Promise<UpdateResult> {
  const rt = await runtimeOf(ctx);
  return sendUpdate(rt, {
    request: { ...request, header: newMessageHeader(ctx, rt, request.interactionId) },
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    ...record,
  });
}

/** A checked, normalised NHS number, or invalid_input naming the field. */
export function checkedNhsNumber(value: string, field = "nhsNumber"): string {
  const result = validateNhsNumber(value);
  if (!result.ok)
    throw new AppError("invalid_input", "Enter a valid 10-digit NHS number.", { fields: { [field]: "Enter a valid NHS number" } });
  return result.nhsNumber;
}

/** What an update returns: Spine's confirmation, or a pending operation id to poll. */
export type UpdateOutcome<T> =
  | ({ state: "confirmed"; messageId: string } & T)
  | { state: "pending"; messageId: string; operationId: string };

export function pending(messageId: string): { state: "pending"; messageId: string; operationId: string } {
  return { state: "pending", messageId, operationId: messageId };
}

/** A success reply of the wrong kind is a protocol error, never a success. */
export function unexpectedReply(interactionId: string, messageId: string): AppError {
  return new AppError("spine_unavailable", `Spine answered with an unexpected message (${interactionId}).`, { reference: messageId });
}
