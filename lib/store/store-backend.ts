import type { Kysely } from "kysely";

/** What each backend provides; openStore adds migrations and notify on top. */
export interface StoreBackend<DB> {
  db: Kysely<DB>;
  kind: "pglite" | "postgres";
  /** `onLost`: the subscription ended without being asked to (its connection failed or closed). */
  listen(channel: string, onPayload: (payload: string) => void, onLost?: (reason: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
