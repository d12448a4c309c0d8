import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors/app-error";
import { type Hl7Reply, type MessageHeader, makeRequestHeader, type RequestInteractionId, type RequestOf } from "@/lib/hl7";
import type { Permission } from "@/lib/rbac/permission-names";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import type { OperationSummary } from "@/server/db/schema";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { sendQuery, sendQueryAsJob } from "@/server/spine/send-query";
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
  /** The selected role's permissions (what the role may do beyond the route's own permission). */
  permissions?: readonly Permission[];
  /** The sign-in this call belongs to (audit "recently viewed in this session"). */
  sessionId?: string;
  /** Display names from CIS2, for what names the user to others (a privacy-officer alert). */
  names?: { user?: string; role?: string; organisation?: string };
  requestId?: string;
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
  const reply = await sendQuery(rt, { request: { ...request, header }, ...queryRecord(ctx, request, operation) });
  return { messageId: header.messageId, reply };
}

/** A long async query as a job: Spine's reply if it comes quickly, else a pending operation to poll. */
export async function queryAsJob(ctx: LrContext, request: HeaderlessRequest, operation: OperationSummary): Promise<UpdateResult> {
  const rt = await runtimeOf(ctx);
  return sendQueryAsJob(rt, {
    request: { ...request, header: newMessageHeader(ctx, rt, request.interactionId) },
    ...queryRecord(ctx, request, operation),
  });
}

/** Who asked, for which patient (a single-patient query names one), from which request. */
function queryRecord(ctx: LrContext, request: HeaderlessRequest, operation: OperationSummary) {
  const payload = request.payload as { nhsNumber?: unknown };
  return {
    actorSub: ownerOf(ctx),
    roleId: ctx.roleProfileId,
    nhsNumber: typeof payload.nhsNumber === "string" ? payload.nhsNumber : null,
    operation: { ...operation, orgCode: ctx.orgCode, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
  };
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
    // The outbox's audit trigger writes who, for whom and from which request (migration 0002).
    operation: { ...record.operation, orgCode: ctx.orgCode, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
  });
}

/**
 * The LR context of a signed-in user. Spine needs the acting user's job role on every
 * ControlActEvent/author (docs/domain.md, validator rules: MANDATORY_FIELD_MISSING): without one
 * from CIS2 nothing may be sent — one is never invented.
 */
export function lrContextFor(user: SignedInUser, log: Logger, requestId?: string): LrContext {
  if (!user.jobRoleCode) {
    throw new AppError(
      "forbidden",
      "Your selected role has no job role in NHS CIS2, so Spine cannot be told who you are acting as. Choose another role or ask your registration authority.",
    );
  }
  return {
    userId: user.sub,
    roleProfileId: user.roleProfileId,
    orgCode: user.orgCode,
    jobRoleCode: user.jobRoleCode,
    sessionSub: user.sub,
    permissions: user.permissions,
    sessionId: user.sessionId,
    names: {
      ...(user.userName ? { user: user.userName } : {}),
      ...(user.roleName ? { role: user.roleName } : {}),
      ...(user.orgName ? { organisation: user.orgName } : {}),
    },
    ...(requestId ? { requestId } : {}),
    log,
  };
}

/** Whether the context's role has a permission (a context without permissions has none). */
export function ctxCan(ctx: LrContext, permission: Permission): boolean {
  return ctx.permissions?.includes(permission) ?? false;
}

/** The context's user as an audit actor. */
export function auditActorOf(ctx: LrContext): { sub: string; roleProfileId: string; orgCode: string; sessionId?: string } {
  return {
    sub: ownerOf(ctx),
    roleProfileId: ctx.roleProfileId,
    orgCode: ctx.orgCode,
    ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
  };
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
