import "server-only";
import type { Store } from "@/lib/store/open-store";
import { findByMessageId, type OutboxMessage } from "@/server/db/outbox";
import { OUTBOX_CHANGED_CHANNEL, parseOutboxChange } from "@/server/db/outbox-channel";
import type { Database } from "@/server/db/schema";

/**
 * Waiting for an async Spine reply that may land on ANY BFF instance: the inbound handler there
 * updates the outbox row, the database trigger NOTIFYs `outbox_changed`, and every instance's
 * single listener wakes its local waiters. A poll runs alongside, so a missed notification (or a
 * backend without LISTEN) only delays completion, never loses it.
 */
export type SpineStore = Pick<Store<Database>, "db" | "listen">;

const FINAL_STATES = new Set(["confirmed", "failed"]);
const LISTEN_READY_WAIT_MS = 2000;

export function isFinal(message: OutboxMessage): boolean {
  return FINAL_STATES.has(message.state);
}

interface Hub {
  waiters: Map<string, Set<() => void>>;
  ready: Promise<void>;
}

// One LISTEN per store, shared by every waiter in this process.
const hubs = new WeakMap<SpineStore, Hub>();

function hubFor(store: SpineStore): Hub {
  let hub = hubs.get(store);
  if (hub) return hub;
  const waiters = new Map<string, Set<() => void>>();
  const ready = store
    .listen(OUTBOX_CHANGED_CHANNEL, (payload) => {
      try {
        const change = parseOutboxChange(payload);
        for (const wake of waiters.get(change.messageId) ?? []) wake();
      } catch {
        // A malformed notification is ignored; the poll still runs.
      }
    })
    .then(
      () => undefined,
      () => undefined, // no LISTEN available: polling alone
    );
  hub = { waiters, ready };
  hubs.set(store, hub);
  return hub;
}

export async function waitForCompletion(
  store: SpineStore,
  messageId: string,
  opts: { timeoutMs: number; pollMs: number },
): Promise<OutboxMessage | undefined> {
  const hub = hubFor(store);
  // A LISTEN that never settles must not hold the user: after a moment, polling alone will do.
  await Promise.race([hub.ready, new Promise((resolve) => setTimeout(resolve, LISTEN_READY_WAIT_MS).unref())]);
  return new Promise<OutboxMessage | undefined>((resolve, reject) => {
    let done = false;
    let latest: OutboxMessage | undefined;
    let checking = false;
    let again = false;
    const set = hub.waiters.get(messageId) ?? new Set<() => void>();
    hub.waiters.set(messageId, set);

    const finish = (result: OutboxMessage | undefined, error?: unknown) => {
      if (done) return;
      done = true;
      clearInterval(poller);
      clearTimeout(deadline);
      set.delete(wake);
      if (set.size === 0) hub.waiters.delete(messageId);
      if (error !== undefined) reject(error);
      else resolve(result);
    };
    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          latest = await findByMessageId(store.db, messageId);
          if (latest && isFinal(latest)) return finish(latest);
        } while (again && !done);
      } catch (error) {
        finish(undefined, error);
      } finally {
        checking = false;
      }
    };
    const wake = () => void check();
    set.add(wake);
    const poller = setInterval(wake, Math.max(10, opts.pollMs));
    const deadline = setTimeout(async () => {
      // One last look so a reply that landed at the deadline is not reported as pending.
      try {
        const last = await findByMessageId(store.db, messageId);
        finish(last ?? latest);
      } catch (error) {
        finish(undefined, error);
      }
    }, opts.timeoutMs);
    void check();
  });
}
