import "server-only";
import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { jsonb } from "@/lib/store/jsonb";
import type { Database, RoleSnapshot, SessionsTable } from "./schema";

/** Server-side sessions: the cookie carries only the id; revocation works across processes. */

export interface Session {
  id: string;
  sub: string;
  sid: string | null;
  selectedRoleId: string | null;
  roleSnapshot: RoleSnapshot | null;
  permissions: string[];
  idTokenHint: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface NewSession {
  sub: string;
  sid?: string | null;
  selectedRoleId?: string | null;
  roleSnapshot?: RoleSnapshot | null;
  permissions: string[];
  idTokenHint?: string | null;
  /** Absolute expiry (the hard limit, e.g. 12 hours after sign-in). */
  expiresAt: Date;
  now?: Date;
}

export interface ActiveSessionCheck {
  now?: Date;
  /** Idle limit: a session not seen for this long is no longer active (e.g. 15 minutes). */
  idleTimeoutMs?: number;
}

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    sub: row.sub,
    sid: row.sid,
    selectedRoleId: row.selected_role_id,
    roleSnapshot: row.role_snapshot,
    permissions: row.permissions,
    idTokenHint: row.id_token_hint,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
  };
}

/** 256 random bits: unguessable, and meaningless outside this database. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export async function createSession(db: Kysely<Database>, input: NewSession): Promise<Session> {
  const now = input.now ?? new Date();
  const row = await db
    .insertInto("sessions")
    .values({
      id: newSessionId(),
      sub: input.sub,
      sid: input.sid ?? null,
      selected_role_id: input.selectedRoleId ?? null,
      role_snapshot: input.roleSnapshot ? jsonb(input.roleSnapshot) : null,
      permissions: jsonb(input.permissions),
      id_token_hint: input.idTokenHint ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: input.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSession(row);
}

/** The session if it exists, is not revoked, has not hit its hard expiry nor (if given) the idle limit. */
export async function findActiveSession(db: Kysely<Database>, id: string, check: ActiveSessionCheck = {}): Promise<Session | undefined> {
  const now = check.now ?? new Date();
  let query = db.selectFrom("sessions").selectAll().where("id", "=", id).where("revoked_at", "is", null).where("expires_at", ">", now);
  if (check.idleTimeoutMs !== undefined) {
    query = query.where("last_seen_at", ">", new Date(now.getTime() - check.idleTimeoutMs));
  }
  const row = await query.executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** Record activity (idle timer). Only an unrevoked, unexpired session is touched. */
export async function touchSession(db: Kysely<Database>, id: string, now: Date = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("sessions")
    .set({ last_seen_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

async function revokeWhere(
  db: Kysely<Database>,
  column: "id" | "sid" | "sub",
  value: string,
  reason: string,
  now: Date,
  onlyWithoutSid = false,
): Promise<number> {
  let update = db
    .updateTable("sessions")
    .set({ revoked_at: now, revoked_reason: reason })
    .where(column, "=", value)
    .where("revoked_at", "is", null);
  if (onlyWithoutSid) update = update.where("sid", "is", null);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sign-out of one session. True if it was active until now. */
export async function revokeSession(db: Kysely<Database>, id: string, reason: string, now: Date = new Date()): Promise<boolean> {
  return (await revokeWhere(db, "id", id, reason, now)) > 0;
}

/** Back-channel logout naming a CIS2 session (`sid`): every app session from it. Returns how many. */
export function revokeSessionsBySid(db: Kysely<Database>, sid: string, reason: string, now: Date = new Date()): Promise<number> {
  return revokeWhere(db, "sid", sid, reason, now);
}

/** Back-channel logout naming only the user (`sub`): all their sessions. Returns how many. */
export function revokeSessionsBySub(
  db: Kysely<Database>,
  sub: string,
  reason: string,
  now: Date = new Date(),
  options: { onlyWithoutSid?: boolean } = {},
): Promise<number> {
  return revokeWhere(db, "sub", sub, reason, now, options.onlyWithoutSid ?? false);
}

/** Housekeeping: drop sessions whose hard expiry is before `before`. Returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
