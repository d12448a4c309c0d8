import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { INT8_TYPE_OID, parseInt8 } from "./int8";
import { assertChannelName } from "./notify-channel";
import type { StoreBackend } from "./store-backend";

const typeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_TYPE_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

function reportBackgroundError(source: string, error: Error): void {
  // Idle pool clients and listener connections emit 'error' outside any request; without a
  // handler Node would crash the process.
  console.error(`[store] PostgreSQL ${source} error: ${error.message}`);
}

/** PostgreSQL through a pg.Pool; each listen() gets its own dedicated connection. */
export async function openPostgresBackend<DB>(connectionString: string): Promise<StoreBackend<DB>> {
  const pool = new pg.Pool({ connectionString, types: typeParsers, max: 10 });
  pool.on("error", (error) => reportBackgroundError("pool", error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.Client>();

  async function endListener(client: pg.Client): Promise<void> {
    if (!listeners.delete(client)) return;
    await client.end().catch(() => undefined);
  }

  return {
    db,
    kind: "postgres",
    async listen(channel, onPayload, onLost) {
      const name = assertChannelName(channel);
      // LISTEN is per connection, and pooled connections are handed back and forth.
      const client = new pg.Client({ connectionString, types: typeParsers });
      let lost = false;
      const lose = (reason: string) => {
        // Only a subscription still wanted is "lost" (endListener removes it first).
        if (lost || !listeners.has(client)) return;
        lost = true;
        onLost?.(reason);
        void endListener(client);
      };
      client.on("error", (error) => {
        reportBackgroundError("listener", error);
        lose(error.message);
      });
      client.on("end", () => lose("connection closed"));
      await client.connect();
      listeners.add(client);
      client.on("notification", (message) => {
        if (message.channel === name) onPayload(message.payload ?? "");
      });
      try {
        await client.query(`LISTEN ${name}`);
      } catch (error) {
        await endListener(client);
        throw error;
      }
      return () => endListener(client);
    },
    async close() {
      await Promise.all([...listeners].map(endListener));
      await db.destroy();
    },
  };
}
