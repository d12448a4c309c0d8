import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { appMigrations } from "./migrations";
import type { Database, RoleSnapshot } from "./schema";
import {
  createSession,
  deleteExpiredSessions,
  findActiveSession,
  revokeSession,
  revokeSessionsBySid,
  revokeSessionsBySub,
  touchSession,
} from "./sessions";

const signInAt = new Date("2026-11-25T09:00:00.000Z");
const twelveHours = 12 * 60 * 60 * 1000;
const fifteenMinutes = 15 * 60 * 1000;
const at = (offsetMs: number) => new Date(signInAt.getTime() + offsetMs);

const gpRole: RoleSnapshot = {
  roleProfileId: "900000000101",
  orgCode: "ZZP001",
  orgName: "SYNTHETIC SURGERY (FAKE)",
  roleCode: "S8000:G8000:R8001",
  activityCodes: ["B0264", "B0360"],
};

/** Each test uses its own user ids so tests never see each other's rows. */
function persona() {
  const suffix = randomUUID().slice(0, 8);
  return { sub: `9000${suffix}`, sid: `sid-${suffix}` };
}

describe.each(testBackends())("sessions on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  function newSession(user: { sub: string; sid: string | null }, permissions = ["lr.read"]) {
    return createSession(store.db, {
      sub: user.sub,
      sid: user.sid,
      selectedRoleId: gpRole.roleProfileId,
      roleSnapshot: gpRole,
      permissions,
      idTokenHint: "header.payload.signature",
      expiresAt: at(twelveHours),
      now: signInAt,
    });
  }

  it("creates a session with an unguessable id and reads it back with role and permissions intact", async () => {
    const user = persona();
    const created = await newSession(user, ["lr.read", "lr.create"]);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const found = await findActiveSession(store.db, created.id, { now: at(1000) });
    expect(found).toEqual(created);
    expect(found?.roleSnapshot).toEqual(gpRole);
    expect(found?.permissions).toEqual(["lr.read", "lr.create"]);
    expect(found?.createdAt.toISOString()).toBe(signInAt.toISOString());
    const other = await newSession(user);
    expect(other.id).not.toBe(created.id);
  });

  it("is not active after the hard expiry, nor after the idle limit unless touched", async () => {
    const session = await newSession(persona());
    expect(await findActiveSession(store.db, session.id, { now: at(twelveHours) })).toBeUndefined();
    expect(await findActiveSession(store.db, session.id, { now: at(twelveHours - 1) })).toBeDefined();

    const idleCheck = { now: at(fifteenMinutes + 1), idleTimeoutMs: fifteenMinutes };
    expect(await findActiveSession(store.db, session.id, idleCheck)).toBeUndefined();
    expect(await touchSession(store.db, session.id, at(fifteenMinutes - 1))).toBe(true);
    const touched = await findActiveSession(store.db, session.id, idleCheck);
    expect(touched?.lastSeenAt.toISOString()).toBe(at(fifteenMinutes - 1).toISOString());
    expect(await touchSession(store.db, session.id, at(twelveHours))).toBe(false);
  });

  it("revokes one session; a revoked session is neither found nor touched", async () => {
    const user = persona();
    const first = await newSession(user);
    const second = await newSession(user);
    expect(await revokeSession(store.db, first.id, "signed_out", at(60_000))).toBe(true);
    expect(await revokeSession(store.db, first.id, "signed_out", at(60_001))).toBe(false);
    expect(await findActiveSession(store.db, first.id, { now: at(61_000) })).toBeUndefined();
    expect(await touchSession(store.db, first.id, at(61_000))).toBe(false);
    expect(await findActiveSession(store.db, second.id, { now: at(61_000) })).toBeDefined();
    const revoked = await store.db.selectFrom("sessions").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(revoked.revoked_reason).toBe("signed_out");
    expect(revoked.revoked_at?.toISOString()).toBe(at(60_000).toISOString());
  });

  it("revokes by CIS2 sid only the sessions from that CIS2 session", async () => {
    const user = persona();
    const fromSid = [await newSession(user), await newSession(user)];
    const otherSid = await newSession({ sub: user.sub, sid: `${user.sid}-other` });
    const otherUser = await newSession(persona());
    expect(await revokeSessionsBySid(store.db, user.sid, "backchannel_logout", at(1000))).toBe(2);
    for (const session of fromSid) expect(await findActiveSession(store.db, session.id, { now: at(2000) })).toBeUndefined();
    expect(await findActiveSession(store.db, otherSid.id, { now: at(2000) })).toBeDefined();
    expect(await findActiveSession(store.db, otherUser.id, { now: at(2000) })).toBeDefined();
    expect(await revokeSessionsBySid(store.db, user.sid, "backchannel_logout", at(3000))).toBe(0);
  });

  it("revokes by sub every session of that user and no one else's", async () => {
    const user = persona();
    const mine = [await newSession(user), await newSession({ sub: user.sub, sid: null })];
    const theirs = await newSession(persona());
    expect(await revokeSessionsBySub(store.db, user.sub, "backchannel_logout", at(1000))).toBe(2);
    for (const session of mine) expect(await findActiveSession(store.db, session.id, { now: at(2000) })).toBeUndefined();
    expect(await findActiveSession(store.db, theirs.id, { now: at(2000) })).toBeDefined();
  });

  it("can revoke only a user's sessions recorded without a sid", async () => {
    const user = persona();
    const withSid = await newSession(user);
    const withoutSid = await newSession({ sub: user.sub, sid: null });
    expect(await revokeSessionsBySub(store.db, user.sub, "backchannel_logout", at(1000), { onlyWithoutSid: true })).toBe(1);
    expect(await findActiveSession(store.db, withoutSid.id, { now: at(2000) })).toBeUndefined();
    expect(await findActiveSession(store.db, withSid.id, { now: at(2000) })).toBeDefined();
  });

  it("deletes sessions past their hard expiry and keeps the rest", async () => {
    const user = persona();
    const old = await createSession(store.db, {
      sub: user.sub,
      permissions: [],
      expiresAt: new Date("2020-01-01T00:00:00Z"),
      now: new Date("2019-12-31T12:00:00Z"),
    });
    const current = await newSession(user);
    expect(await deleteExpiredSessions(store.db, new Date("2021-01-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = await store.db.selectFrom("sessions").select("id").where("id", "in", [old.id, current.id]).execute();
    expect(left.map((row) => row.id)).toEqual([current.id]);
  });
});
