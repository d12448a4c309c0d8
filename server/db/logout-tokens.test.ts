import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { purgeExpiredLogoutTokens, recordLogoutToken } from "./logout-tokens";
import { appMigrations } from "./migrations";
import type { Database } from "./schema";

describe.each(testBackends())("seen logout tokens on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("accepts a jti once and reports the replay", async () => {
    const jti = randomUUID();
    const expiresAt = new Date("2026-11-25T10:02:00Z");
    expect(await recordLogoutToken(store.db, jti, expiresAt)).toBe(true);
    expect(await recordLogoutToken(store.db, jti, expiresAt)).toBe(false);
    expect(await recordLogoutToken(store.db, randomUUID(), expiresAt)).toBe(true);
  });

  it("purges only tokens that have expired", async () => {
    const expired = randomUUID();
    const live = randomUUID();
    await recordLogoutToken(store.db, expired, new Date("2026-11-25T09:00:00Z"));
    await recordLogoutToken(store.db, live, new Date("2026-11-25T11:00:00Z"));
    expect(await purgeExpiredLogoutTokens(store.db, new Date("2026-11-25T10:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = await store.db.selectFrom("seen_logout_tokens").select("jti").where("jti", "in", [expired, live]).execute();
    expect(left.map((row) => row.jti)).toEqual([live]);
  });
});
