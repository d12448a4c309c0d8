import "server-only";
import { z } from "zod";
import { isPermission, type Permission } from "@/lib/rbac/permission-names";
import { getDb } from "@/server/db/client";
import type { RoleSnapshot } from "@/server/db/schema";
import { findActiveSession, type Session, touchSession } from "@/server/db/sessions";
import { now } from "./clock";
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

/**
 * The active session with this id, or null. `touch` records activity (resets the idle timer);
 * the idle-warning status check passes false so polling never keeps a session alive.
 */
export async function loadActiveSession(sessionId: string, options: { touch: boolean }): Promise<ActiveSession | null> {
  const { db } = await getDb();
  const at = now();
  const record = await findActiveSession(db, sessionId, { now: at, idleTimeoutMs: sessionLimits().idleTimeoutMs });
  if (!record) return null;
  if (!options.touch || at.getTime() - record.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return toActiveSession(record, record.lastSeenAt);
  const touched = await touchSession(db, sessionId, at);
  return touched ? toActiveSession(record, at) : null;
}
