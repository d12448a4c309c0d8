import "server-only";
import { config } from "@/server/config";

/**
 * Session limits (docs/domain.md §9.3; ASVS 7.3): 15 minutes idle with a warning two minutes
 * before, 12 hours absolute. Idle and absolute come from config (SESSION_IDLE_MINUTES,
 * SESSION_ABSOLUTE_HOURS); the warning lead time is fixed UX.
 */
export const IDLE_WARNING_MS = 2 * 60_000;

export interface SessionLimits {
  idleTimeoutMs: number;
  absoluteLimitMs: number;
  warningMs: number;
}

export function sessionLimits(): SessionLimits {
  const c = config();
  return {
    idleTimeoutMs: c.SESSION_IDLE_MINUTES * 60_000,
    absoluteLimitMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
    warningMs: IDLE_WARNING_MS,
  };
}

export interface SessionTiming {
  /** epoch ms when the session ends if nothing happens (the earlier of idle and absolute). */
  endsAt: number;
  idleEndsAt: number;
  absoluteEndsAt: number;
  /** true when the absolute limit ends the session first ("Stay signed in" cannot help). */
  absoluteFirst: boolean;
}

export function sessionTiming(record: { lastSeenAt: Date; expiresAt: Date }, limits: SessionLimits = sessionLimits()): SessionTiming {
  const idleEndsAt = record.lastSeenAt.getTime() + limits.idleTimeoutMs;
  const absoluteEndsAt = record.expiresAt.getTime();
  return { endsAt: Math.min(idleEndsAt, absoluteEndsAt), idleEndsAt, absoluteEndsAt, absoluteFirst: absoluteEndsAt <= idleEndsAt };
}
