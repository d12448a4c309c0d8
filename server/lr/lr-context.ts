import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors/app-error";
import { formatHl7Timestamp, type MessageHeader, newMessageId } from "@/lib/hl7";
import { validateNhsNumber } from "@/lib/nhs/nhs-number";
import { getSpineRuntime } from "@/server/spine/default-runtime";
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
  /** Job role code from the role (e.g. "R8000"), written as ControlActEvent/author code. */
  jobRoleCode: string;
  /** Owner of the operations this call starts (defaults to userId): only they may read them. */
  sessionSub?: string;
  log: Logger;
  /** Spine runtime; production leaves it unset and the shared one is used. */
  spine?: SpineRuntime;
}

/** Requests on the wire carry the MIM version our messages follow. */
export const REQUEST_VERSION_CODE = "V3NPfIT4.2.00";

export function runtimeOf(ctx: LrContext): Promise<SpineRuntime> {
  return ctx.spine ? Promise.resolve(ctx.spine) : getSpineRuntime();
}

export function ownerOf(ctx: LrContext): string {
  return ctx.sessionSub ?? ctx.userId;
}

/** A fresh transmission-wrapper header: new MessageId, ASIDs from config, author from the session. */
export function newMessageHeader(ctx: LrContext, rt: SpineRuntime): MessageHeader {
  return {
    messageId: newMessageId(),
    creationTime: formatHl7Timestamp(rt.now()),
    versionCode: REQUEST_VERSION_CODE,
    senderAsid: rt.options.fromAsid,
    receiverAsid: rt.options.toAsid,
    systemAsid: rt.options.fromAsid,
    author: { roleProfileId: ctx.roleProfileId, userId: ctx.userId, jobRoleCode: ctx.jobRoleCode },
  };
}

/** A checked, normalised NHS number, or invalid_input naming the field. */
export function checkedNhsNumber(value: string, field = "nhsNumber"): string {
  const result = validateNhsNumber(value);
  if (!result.ok) throw new AppError("invalid_input", "Enter a valid 10-digit NHS number.", { fields: { [field]: "Enter a valid NHS number" } });
  return result.nhsNumber;
}

/** What an update returns: Spine's confirmation, or a pending operation id to poll. */
export type UpdateOutcome<T> = ({ state: "confirmed"; messageId: string } & T) | { state: "pending"; messageId: string; operationId: string };

export function pending(messageId: string): { state: "pending"; messageId: string; operationId: string } {
  return { state: "pending", messageId, operationId: messageId };
}

/** A success reply of the wrong kind is a protocol error, never a success. */
export function unexpectedReply(interactionId: string, messageId: string): AppError {
  return new AppError("spine_unavailable", `Spine answered with an unexpected message (${interactionId}).`, { reference: messageId });
}
