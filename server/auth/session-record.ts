import "server-only";
import { z } from "zod";
import { isPermission, type Permission } from "@/lib/rbac/permission-names";
import { getDb } from "@/server/db/client";
import type { RoleSnapshot } from "@/server/db/schema";
import { findActiveSession, type Session, touchSession } from "@/server/db/sessions";
import { now } from "./clock";
import { createSessionCache } from "./session-cache";
import { sessionLimits } from "./session-policy";

/**
 * Loading the server-side session record behind a cookie: revoked, idle-expired and
 * absolute-expired records are all "no session". Shared by route handlers and pages.
 */

/**
 * What we keep about the signed-in role, plus the user's display name for the header, and every
 * role profile CIS2 gave at sign-in (the selected one included): "My role profiles" compares them
 * with what Spine's SDS holds. Kept in the same jsonb snapshot, so no migration is needed.
 */
export interface SessionRole extends RoleSnapshot {
  userName?: string;
  cis2Roles?: Cis2RoleSummary[];
}

/** One of the user's CIS2 role profiles as userinfo gave it at sign-in. */
export interface Cis2RoleSummary {
  roleProfileId: string;
  orgCode: string;
  orgName?: string;
  roleCode: string;
  roleName?: string;
  workgroups: { workgroupId: string; name?: string }[];
}

const sessionRoleSchema = z.object({
  roleProfileId: z.string(),
  orgCode: z.string(),
  orgName: z.string().optional(),
  roleCode: z.string().optional(),
  roleName: z.string().optional(),
  activityCodes: z.array(z.string()),
  userName: z.string().optional(),
  cis2Roles: z
    .array(
      z.object({
        roleProfileId: z.string(),
        orgCode: z.string(),
        orgName: z.string().optional(),
        roleCode: z.string(),
        roleName: z.string().optional(),
        workgroups: z.array(z.object({ workgroupId: z.string(), name: z.string().optional() })),
      }),
    )
    .optional(),
});

export interface ActiveSession {
  sessionId: string;
  sub: string;
  sid: string | null;
  roleProfileId: string;
  role: SessionRole | null;
  permissions: Permission[];
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

function toActiveSession(record: Session, lastSeenAt: Date): ActiveSession {
  const role = sessionRoleSchema.safeParse(record.roleSnapshot);
  return {
    sessionId: record.id,
    sub: record.sub,
    sid: record.sid,
    roleProfileId: record.selectedRoleId ?? "",
    role: role.success ? role.data : null,
    // Only names in the closed list count, so an old record can never grant a removed permission.
    permissions: record.permissions.filter(isPermission),
    createdAt: record.createdAt,
    lastSeenAt,
    expiresAt: record.expiresAt,
  };
}

/**
 * Activity is written at most once a minute: a request within a minute of the last recorded one
 * reads the session and writes nothing (one query instead of two on the hot path). The idle timer
 * then starts at most a minute early, which the 15-minute limit and its 2-minute warning absorb.
 */
export const TOUCH_INTERVAL_MS = 60_000;

/** The sessions this instance has read (server/auth/session-cache.ts): revocations clear them on every instance. */
const sessionCache = createSessionCache<ActiveSession>();

/** This instance just revoked sessions: its cached copies go now, before the store's notification arrives. */
export function forgetRevokedSessions(): void {
  sessionCache.forgetAll();
}

/** Whether cached sessions are being served (the store's revocation notifications are subscribed). */
export function sessionCacheActive(): boolean {
  return sessionCache.active();
}

/** Active at `at` as far as the cached copy can tell: never revoked (only active ones are cached), not expired, not idle. */
function stillActive(session: ActiveSession, at: Date, idleTimeoutMs: number): boolean {
  return session.expiresAt.getTime() > at.getTime() && session.lastSeenAt.getTime() > at.getTime() - idleTimeoutMs;
}

/**
 * The active session with this id, or null. `touch` records activity (resets the idle timer);
 * the idle-warning status check passes false so polling never keeps a session alive. Read from
 * this instance's session cache when it holds the session, else from the store (then cached).
 */
export async function loadActiveSession(sessionId: string, options: { touch: boolean }): Promise<ActiveSession | null> {
  const store = await getDb();
  const at = now();
  const { idleTimeoutMs } = sessionLimits();
  let session = sessionCache.get(store, sessionId);
  if (!session || !stillActive(session, at, idleTimeoutMs)) {
    const ticket = sessionCache.ticket(store);
    const record = await findActiveSession(store.db, sessionId, { now: at, idleTimeoutMs });
    if (!record) {
      sessionCache.forget(sessionId);
      return null;
    }
    session = toActiveSession(record, record.lastSeenAt);
    sessionCache.remember(ticket, sessionId, session);
  }
  if (!options.touch || at.getTime() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return session;
  const ticket = sessionCache.ticket(store);
  const touched = await touchSession(store.db, sessionId, at);
  if (!touched) {
    sessionCache.forget(sessionId);
    return null;
  }
  const seen = { ...session, lastSeenAt: at };
  sessionCache.remember(ticket, sessionId, seen);
  return seen;
}
