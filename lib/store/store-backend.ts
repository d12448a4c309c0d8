import type { Kysely } from "kysely";

/** What each backend provides; openStore adds migrations and notify on top. */
export interface StoreBackend<DB> {
  db: Kysely<DB>;
  kind: "pglite" | "postgres";
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
