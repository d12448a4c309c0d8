import { type RawBuilder, sql } from "kysely";

/**
 * A value for a jsonb column. The JSON text is sent as a text parameter and cast on the server:
 * pg would otherwise send JS arrays as Postgres array literals, and PGlite would JSON-encode a
 * string a second time. Same bytes on both backends.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(cast(${JSON.stringify(value)} as text) as jsonb)`;
}
