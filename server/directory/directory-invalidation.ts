import "server-only";
import type { Store } from "@/lib/store/open-store";
import type { Database } from "@/server/db/schema";
import { DIRECTORY_CHANGED_CHANNEL, type DirectoryChange, parseDirectoryChange } from "./directory-channel";

/**
 * Shared invalidation: each cache that remembers something about workgroups registers what to
 * forget; one LISTEN per store (per process) hands every `directory_changed` notification to all of
 * them. The database raises it when a membership change is confirmed, whichever instance confirmed
 * it, so two app instances agree. `forgetLocally` is for the instance that just saw the change
 * itself (it does not wait for the notification's round trip).
 */
export type DirectoryChangeHandler = (change: DirectoryChange) => void;

const LISTEN_READY_WAIT_MS = 2_000;
const handlers = new Set<DirectoryChangeHandler>();
const listening = new WeakMap<object, Promise<void>>();

export function onDirectoryChange(handler: DirectoryChangeHandler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function forgetLocally(change: DirectoryChange): void {
  for (const handler of handlers) handler(change);
}

/** Subscribe this process to the store's directory notifications (once per store; later calls share it). */
export function listenForDirectoryChanges(store: Pick<Store<Database>, "listen">): Promise<void> {
  let ready = listening.get(store);
  if (!ready) {
    ready = store
      .listen(DIRECTORY_CHANGED_CHANNEL, (payload) => {
        const change = parseDirectoryChange(payload);
        if (change) forgetLocally(change);
      })
      .then(
        () => undefined,
        // Without LISTEN, entries still expire on their own (the cache is bounded in time).
        () => undefined,
      );
    listening.set(store, ready);
  }
  // A LISTEN that never settles must not hold a page: entries still expire meanwhile.
  return Promise.race([ready, new Promise<void>((resolve) => setTimeout(resolve, LISTEN_READY_WAIT_MS).unref())]);
}
