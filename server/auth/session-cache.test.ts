import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/open-store";
import { storeForSuite, testBackends } from "@/lib/store/test-backends";
import { appMigrations } from "@/server/db/migrations";
import type { Database } from "@/server/db/schema";
import { createSession, revokeSession, revokeSessionsBySub } from "@/server/db/sessions";
import { createSessionCache, SESSION_CACHE_TTL_MS, SESSION_REVOKED_CHANNEL } from "./session-cache";

async function until(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return Date.now() - started;
}

function newSession(store: Store<Database>, sub = `9000${Math.random().toString().slice(2, 10)}`) {
  return createSession(store.db, { sub, permissions: ["lr.view"], expiresAt: new Date(Date.now() + 3_600_000) });
}

/**
 * Two caches on one store stand for two app instances: each subscribes on its own connection
 * (PostgreSQL: a dedicated LISTEN client each), and the revocations are plain UPDATEs through the
 * pool — the way another instance, or an operator, would revoke.
 */
describe.each(testBackends())("session cache on $name", (backend) => {
  const store = storeForSuite<Database>(backend, appMigrations);

  it("serves a session only once subscribed, and every cache drops it when the store revokes it", async () => {
    const a = createSessionCache<string>();
    const b = createSessionCache<string>();
    const session = await newSession(store);
    expect(a.get(store, session.id)).toBeUndefined();
    expect(b.get(store, session.id)).toBeUndefined();
    await until(() => a.active() && b.active(), "both caches to subscribe");
    a.remember(a.ticket(store), session.id, "A's copy");
    b.remember(b.ticket(store), session.id, "B's copy");
    expect(a.get(store, session.id)).toBe("A's copy");
    expect(b.get(store, session.id)).toBe("B's copy");

    expect(await revokeSession(store.db, session.id, "signed-out")).toBe(true);
    const ms = await until(() => a.get(store, session.id) === undefined && b.get(store, session.id) === undefined, "the revocation");
    console.log(`[session cache ${backend.name}] both caches dropped the revoked session ${ms} ms after the UPDATE returned`);
  });

  it("announces every session a bulk revocation ends, and only revocations", async () => {
    const seen: string[] = [];
    const stop = await store.listen(SESSION_REVOKED_CHANNEL, (id) => seen.push(id));
    try {
      const sub = "900000000777";
      const one = await newSession(store, sub);
      const two = await newSession(store, sub);
      const other = await newSession(store);
      // Activity (the idle timer) is not announced.
      await sql`update sessions set last_seen_at = now() where id = ${other.id}`.execute(store.db);
      expect(await revokeSessionsBySub(store.db, sub, "signed-in-elsewhere")).toBe(2);
      await until(() => seen.length >= 2, "two notifications");
      // Revoking an already revoked session again announces nothing new.
      await sql`update sessions set revoked_reason = 'again', revoked_at = now() where id = ${one.id}`.execute(store.db);
      await revokeSession(store.db, other.id, "signed-out");
      await until(() => seen.includes(other.id), "the third notification");
      expect(seen.sort()).toEqual([one.id, two.id, other.id].sort());
    } finally {
      await stop();
    }
  });

  it("does not remember a read that overlapped a revocation", async () => {
    const cache = createSessionCache<string>();
    const session = await newSession(store);
    const bystander = await newSession(store);
    cache.get(store, session.id);
    await until(() => cache.active(), "the subscription");
    const ticket = cache.ticket(store); // the read starts…
    await revokeSession(store.db, bystander.id, "signed-out"); // …a revocation lands meanwhile…
    await new Promise((resolve) => setTimeout(resolve, 50));
    cache.remember(ticket, session.id, "read before the revocation"); // …so its answer is not kept
    expect(cache.get(store, session.id)).toBeUndefined();
    cache.remember(cache.ticket(store), session.id, "fresh read");
    expect(cache.get(store, session.id)).toBe("fresh read");
  });
});

/** A store whose subscription the test controls: when it is in place, and when it is lost. */
function controlledStore() {
  let resolveListen: (() => void) | undefined;
  let rejectListen: ((error: Error) => void) | undefined;
  let payload: ((value: string) => void) | undefined;
  let lost: ((reason: string) => void) | undefined;
  let calls = 0;
  const store: Pick<Store<Database>, "listen"> = {
    listen(_channel, onPayload, onLost) {
      calls += 1;
      payload = onPayload;
      lost = onLost;
      return new Promise((resolve, reject) => {
        resolveListen = () => resolve(async () => undefined);
        rejectListen = reject;
      });
    },
  };
  return {
    store,
    subscribe: () => resolveListen?.(),
    fail: () => rejectListen?.(new Error("no connection")),
    notify: (id: string) => payload?.(id),
    lose: () => lost?.("connection closed"),
    calls: () => calls,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A cache whose subscription is in place, on a store the test controls. */
async function subscribedCache(clock: () => number = Date.now) {
  const control = controlledStore();
  const cache = createSessionCache<string>(clock);
  cache.get(control.store, "x");
  control.subscribe();
  await settle();
  return { control, cache };
}

describe("session cache rules", () => {
  it("a read that started before the subscription was in place is never cached", async () => {
    const control = controlledStore();
    const cache = createSessionCache<string>();
    const ticket = cache.ticket(control.store);
    control.subscribe();
    await settle();
    expect(cache.active()).toBe(true);
    cache.remember(ticket, "s1", "stale");
    expect(cache.get(control.store, "s1")).toBeUndefined();
  });

  it("a lost subscription empties the cache and turns it off; it subscribes again after 5 s", async () => {
    let clock = 1_000_000;
    const { control, cache } = await subscribedCache(() => clock);
    cache.remember(cache.ticket(control.store), "s1", "cached");
    expect(cache.get(control.store, "s1")).toBe("cached");

    control.lose();
    expect(cache.active()).toBe(false);
    expect(cache.get(control.store, "s1")).toBeUndefined();
    cache.remember(cache.ticket(control.store), "s1", "while off");
    expect(cache.get(control.store, "s1")).toBeUndefined();
    expect(control.calls()).toBe(1);

    clock += 5_000;
    cache.get(control.store, "s1");
    expect(control.calls()).toBe(2);
    control.subscribe();
    await settle();
    expect(cache.active()).toBe(true);
    // Emptied when lost: nothing from before comes back.
    expect(cache.get(control.store, "s1")).toBeUndefined();
  });

  it("a failed subscription leaves the cache off (every read goes to the store) and is retried later", async () => {
    let clock = 0;
    const control = controlledStore();
    const cache = createSessionCache<string>(() => clock);
    cache.get(control.store, "s1");
    control.fail();
    await settle();
    cache.remember(cache.ticket(control.store), "s1", "value");
    expect(cache.get(control.store, "s1")).toBeUndefined();
    expect(control.calls()).toBe(1);
    clock += 5_000;
    cache.get(control.store, "s1");
    expect(control.calls()).toBe(2);
  });

  it("a notification drops that session; entries also expire on their own", async () => {
    let clock = 0;
    const { control, cache } = await subscribedCache(() => clock);
    cache.remember(cache.ticket(control.store), "s1", "one");
    cache.remember(cache.ticket(control.store), "s2", "two");
    control.notify("s1");
    expect(cache.get(control.store, "s1")).toBeUndefined();
    expect(cache.get(control.store, "s2")).toBe("two");
    clock += SESSION_CACHE_TTL_MS;
    expect(cache.get(control.store, "s2")).toBeUndefined();
  });

  it("forgetAll (this instance revoked) drops everything at once and refuses reads already under way", async () => {
    const { control, cache } = await subscribedCache();
    cache.remember(cache.ticket(control.store), "s1", "one");
    const ticket = cache.ticket(control.store);
    cache.forgetAll();
    expect(cache.get(control.store, "s1")).toBeUndefined();
    cache.remember(ticket, "s2", "overlapped");
    expect(cache.get(control.store, "s2")).toBeUndefined();
  });
});
