import "server-only";
import type { Permission } from "@/lib/rbac/permission-names";
import { now } from "./clock";
import { sessionLimits, sessionTiming } from "./session-policy";
import type { ActiveSession } from "./session-record";

/**
 * What the idle-timeout dialog needs, in server-clock epoch ms (the client corrects for skew
 * with `now`). Reading status never counts as activity.
 */
export type SessionStatus =
  | { signedIn: false; now: number }
  | {
      signedIn: true;
      now: number;
      endsAt: number;
      absoluteEndsAt: number;
      absoluteFirst: boolean;
      warningMs: number;
      idleTimeoutMs: number;
      /** The caller's own role and permissions, so the UI can hide what the role cannot do. */
      roleProfileId: string;
      permissions: Permission[];
    };

/** From the session the route wrapper already read (no second lookup). */
export function sessionStatus(session: ActiveSession | null): SessionStatus {
  const at = now().getTime();
  if (!session) return { signedIn: false, now: at };
  const limits = sessionLimits();
  const timing = sessionTiming(session, limits);
  return {
    signedIn: true,
    now: at,
    endsAt: timing.endsAt,
    absoluteEndsAt: timing.absoluteEndsAt,
    absoluteFirst: timing.absoluteFirst,
    warningMs: limits.warningMs,
    idleTimeoutMs: limits.idleTimeoutMs,
    roleProfileId: session.roleProfileId,
    permissions: session.permissions,
  };
}
