import "server-only";
import type { Store } from "@/lib/store/open-store";
import { findByMessageId, type OutboxMessage } from "@/server/db/outbox";
import { OUTBOX_CHANGED_CHANNEL, parseOutboxChange } from "@/server/db/outbox-channel";
import type { Database } from "@/server/db/schema";

/**
 * Waiting for an async Spine reply that may land on ANY BFF instance: the inbound handler there
 * updates the outbox row, the database trigger NOTIFYs `outbox_changed`, and every instance's
 * single listener wakes its local waiters, which read the row. When the reply lands on this
 * instance, the inbound handler hands the completed row to the waiters here itself
 * (`completingLocally`), so they do not read back what it has just written. A poll runs alongside,
 * so a missed notification (or a backend without LISTEN) only delays completion, never loses it.
 */
export type SpineStore = Pick<Store<Database>, "db" | "listen">;

const FINAL_STATES = new Set(["confirmed", "failed"]);
const LISTEN_READY_WAIT_MS = 2000;

export function isFinal(message: OutboxMessage): boolean {
  return FINAL_STATES.has(message.state);
}

interface Waiter {
  /** The row became final somewhere (NOTIFY): read it. */
  wake(): void;
  /** The row as this process has just completed it. */
  take(message: OutboxMessage): void;
}

interface Hub {
  waiters: Map<string, Set<Waiter>>;
  /** Rows the inbound handler here is completing now (count per message id), and notifications held for them. */
  completing: Map<string, number>;
  heldWakes: Set<string>;
  ready: Promise<void>;
  /** True while LISTEN is in place: then no change to a row goes unannounced. */
  listening: boolean;
}

// One LISTEN per store, shared by every waiter in this process.
const hubs = new WeakMap<SpineStore, Hub>();

function hubFor(store: SpineStore): Hub {
  const existing = hubs.get(store);
  if (existing) return existing;
  const waiters = new Map<string, Set<Waiter>>();
  const created: Hub = { waiters, completing: new Map(), heldWakes: new Set(), ready: Promise.resolve(), listening: false };
  created.ready = store
    .listen(
      OUTBOX_CHANGED_CHANNEL,
      (payload) => {
        try {
          const change = parseOutboxChange(payload);
          // Waiters wait for a final row: the insert and a send's "sent" leave nothing to read.
          if (typeof change.state === "string" && !FINAL_STATES.has(change.state)) return;
          // This process wrote it: the row is handed over as written (below) rather than read back.
          if (created.completing.has(change.messageId)) {
            created.heldWakes.add(change.messageId);
            return;
          }
          for (const waiter of waiters.get(change.messageId) ?? []) waiter.wake();
        } catch {
          // A malformed notification is ignored; the poll still runs.
        }
      },
      () => {
        // The listener's connection is gone: notifications may have been missed. Every waiter reads
        // its row now, and the next watch in this process LISTENs again.
        created.listening = false;
        if (hubs.get(store) === created) hubs.delete(store);
        for (const set of waiters.values()) for (const waiter of set) waiter.wake();
      },
    )
    .then(
      () => {
        created.listening = true;
      },
      () => undefined, // no LISTEN available: polling alone
    );
  hubs.set(store, created);
  return created;
}

/**
 * The inbound handler here is about to complete this row (Spine's reply received on this
 * instance). The returned function ends that: given the row as written, final, it hands it to the
 * waiters here, which then do not read back what was just written; given nothing (the row was not
 * changed here), a notification held meanwhile goes through and they read the row as usual.
 */
export function completingLocally(store: SpineStore, messageId: string): (written: OutboxMessage | undefined) => void {
  const hub = hubs.get(store);
  if (!hub) return () => undefined; // nobody has ever waited in this process
  hub.completing.set(messageId, (hub.completing.get(messageId) ?? 0) + 1);
  let ended = false;
  return (written) => {
    if (ended) return;
    ended = true;
    const left = (hub.completing.get(messageId) ?? 1) - 1;
    if (left > 0) hub.completing.set(messageId, left);
    else hub.completing.delete(messageId);
    const waiters = [...(hub.waiters.get(messageId) ?? [])];
    if (written && isFinal(written)) {
      hub.heldWakes.delete(messageId);
      for (const waiter of waiters) waiter.take(written);
    } else if (left === 0 && hub.heldWakes.delete(messageId)) {
      for (const waiter of waiters) waiter.wake();
    }
  };
}

export interface CompletionWatch {
  /**
   * Wait up to `timeoutMs` for the row to become final; the row as it then stands. `knownOpen`:
   * the caller saw the row still open after this watch began (its own send's UPDATE), so unless
   * something has changed it since, there is nothing to read yet.
   */
  settle(opts: { timeoutMs: number; pollMs: number; knownOpen?: boolean }): Promise<OutboxMessage | undefined>;
  /** Stop watching without waiting (the send failed). */
  cancel(): void;
}

/**
 * Start watching a row before anything that may complete it happens (the send), so that no change
 * after this point is missed: a notification or a local completion that arrives before `settle`
 * is remembered.
 */
export async function watchCompletion(store: SpineStore, messageId: string): Promise<CompletionWatch> {
  const hub = hubFor(store);
  // A LISTEN that never settles must not hold the user: after a moment, polling alone will do.
  await Promise.race([hub.ready, new Promise((resolve) => setTimeout(resolve, LISTEN_READY_WAIT_MS).unref())]);
  const listening = hub.listening;
  let changed = false;
  let taken: OutboxMessage | undefined;
  let onChange: (() => void) | undefined;
  const set = hub.waiters.get(messageId) ?? new Set<Waiter>();
  hub.waiters.set(messageId, set);
  const waiter: Waiter = {
    wake: () => {
      changed = true;
      onChange?.();
    },
    take: (message) => {
      taken = message;
      changed = true;
      onChange?.();
    },
  };
  set.add(waiter);
  const unregister = () => {
    set.delete(waiter);
    if (set.size === 0 && hub.waiters.get(messageId) === set) hub.waiters.delete(messageId);
  };

  const settle: CompletionWatch["settle"] = (opts) =>
    new Promise<OutboxMessage | undefined>((resolve, reject) => {
      let done = false;
      let latest: OutboxMessage | undefined;
      let checking = false;
      let again = false;

      const finish = (result: OutboxMessage | undefined, error?: unknown) => {
        if (done) return;
        done = true;
        onChange = undefined;
        clearInterval(poller);
        clearTimeout(deadline);
        unregister();
        if (error !== undefined) reject(error);
        else resolve(result);
      };
      const check = async () => {
        if (done) return;
        if (taken) return finish(taken);
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        try {
          do {
            again = false;
            latest = await findByMessageId(store.db, messageId);
            if (taken) return finish(taken);
            if (latest && isFinal(latest)) return finish(latest);
          } while (again && !done);
        } catch (error) {
          finish(undefined, error);
        } finally {
          checking = false;
        }
      };
      onChange = () => void check();
      const poller = setInterval(() => void check(), Math.max(10, opts.pollMs));
      const deadline = setTimeout(async () => {
        if (done) return;
        if (taken) return finish(taken);
        // One last look so a reply that landed at the deadline is not reported as pending.
        try {
          const last = await findByMessageId(store.db, messageId);
          finish(taken ?? last ?? latest);
        } catch (error) {
          finish(undefined, error);
        }
      }, opts.timeoutMs);
      // Read the row now unless it is known to be open and nothing has touched it since.
      if (changed || !(opts.knownOpen && listening)) void check();
    });

  return { settle, cancel: unregister };
}

export async function waitForCompletion(
  store: SpineStore,
  messageId: string,
  opts: { timeoutMs: number; pollMs: number },
): Promise<OutboxMessage | undefined> {
  return (await watchCompletion(store, messageId)).settle(opts);
}
