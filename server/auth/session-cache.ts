import "server-only";
import type { Store } from "@/lib/store/open-store";
import type { Database } from "@/server/db/schema";
import { BoundedCache } from "@/server/directory/bounded-cache";

/**
 * The sessions this instance has read, so a request does not read its session from the store
 * (issue 16: one session read per request, and most requests none). Bounded in size and time, and
 * kept honest across instances by the store: every revocation, by any instance or by hand, is
 * announced on `session_revoked` (migration 0010) and every instance forgets that session at once.
 *
 * The cache is used only while this instance is subscribed: until the LISTEN is in place, and
 * from the moment its connection fails, every read goes to the store (and the cache is emptied).
 * A read that overlapped a revocation is not remembered (the generation check), so a revoked
 * session is never put back. Only good news is cached: a session that looks idle-expired from a
 * cached copy is read again (another instance may have recorded activity since).
 */

export const SESSION_REVOKED_CHANNEL = "session_revoked";
/** Safety net: an entry is re-read from the store at least this often, notifications or not. */
export const SESSION_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
/** After a lost subscription, try to subscribe again at most this often. */
const RESUBSCRIBE_AFTER_MS = 5_000;
const NOT_CACHEABLE = -1;

interface CacheState<V> {
  store: Pick<Store<Database>, "listen">;
  entries: BoundedCache<V>;
  subscribed: boolean;
  subscribing?: Promise<void>;
  lastAttemptAt: number;
  /** Bumped on every revocation: a read that started before one is not cached. */
  generation: number;
}

export interface SessionCache<V> {
  /** The cached value for this session, or undefined (not cached, or the cache is off). */
  get(store: Pick<Store<Database>, "listen">, sessionId: string): V | undefined;
  /** A token taken before reading from the store; `remember` only caches if nothing was revoked since. */
  ticket(store: Pick<Store<Database>, "listen">): number;
  remember(ticket: number, sessionId: string, value: V): void;
  forget(sessionId: string): void;
  /** This instance revoked sessions: forget them now, without waiting for the notification. */
  forgetAll(): void;
  /** For tests and the bench: is the cache serving reads? */
  active(): boolean;
}

export function createSessionCache<V>(now: () => number = Date.now): SessionCache<V> {
  let state: CacheState<V> | undefined;

  const forgetEverything = () => {
    if (!state) return;
    state.generation += 1;
    state.entries.clear();
  };

  /** The state for this store (a reopened store starts again), subscribing if not yet. */
  function stateFor(store: Pick<Store<Database>, "listen">): CacheState<V> {
    if (state?.store !== store) {
      state = {
        store,
        entries: new BoundedCache<V>({ maxEntries: MAX_ENTRIES, ttlMs: SESSION_CACHE_TTL_MS }, now),
        subscribed: false,
        lastAttemptAt: Number.NEGATIVE_INFINITY,
        generation: 0,
      };
    }
    const current = state;
    if (!current.subscribed && !current.subscribing && now() - current.lastAttemptAt >= RESUBSCRIBE_AFTER_MS) {
      current.lastAttemptAt = now();
      current.subscribing = store
        .listen(
          SESSION_REVOKED_CHANNEL,
          (sessionId) => {
            current.generation += 1;
            current.entries.delete(sessionId);
          },
          () => {
            current.subscribed = false;
            forgetEverything();
          },
        )
        .then(
          () => {
            current.subscribed = true;
          },
          () => undefined, // without the subscription every read goes to the store; retried later
        )
        .finally(() => {
          current.subscribing = undefined;
        });
    }
    return current;
  }

  return {
    get(store, sessionId) {
      const current = stateFor(store);
      return current.subscribed ? current.entries.get(sessionId) : undefined;
    },
    ticket(store) {
      // A read that starts before the subscription is in place may miss a revocation: never cached.
      const current = stateFor(store);
      return current.subscribed ? current.generation : NOT_CACHEABLE;
    },
    remember(ticket, sessionId, value) {
      if (ticket !== NOT_CACHEABLE && state?.subscribed && state.generation === ticket) state.entries.set(sessionId, value);
    },
    forget(sessionId) {
      state?.entries.delete(sessionId);
    },
    forgetAll: forgetEverything,
    active: () => state?.subscribed ?? false,
  };
}
