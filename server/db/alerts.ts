import "server-only";
import { type Kysely, type Selectable, sql } from "kysely";
import type { AlertEventsTable, AlertStatus, AlertsTable, Database } from "./schema";

/**
 * Privacy-officer alerts: rows, their notes and status changes, and samples. Every read is scoped
 * to one organisation and a set of alert types by the caller (server/alerts/alert-scope.ts): an
 * alert of another organisation is simply not found.
 */
export type AlertRow = Selectable<AlertsTable> & { send_state: string | null; send_error: string | null };
export type AlertEventRow = Selectable<AlertEventsTable>;

export interface AlertScope {
  orgCode: string;
  alertTypes: readonly string[];
}

export interface AlertFilter {
  status?: AlertStatus;
  alertType?: string;
  actorSub?: string;
  from?: Date;
  to?: Date;
  sampled?: boolean;
  nhsNumber?: string;
}

const SORT_COLUMNS = { raisedAt: "raised_at", status: "status", type: "alert_type", user: "actor_sub" } as const;
export type AlertSort = keyof typeof SORT_COLUMNS;

function scoped(db: Kysely<Database>, scope: AlertScope) {
  return db
    .selectFrom("alerts")
    .leftJoin("outbox", "outbox.message_id", "alerts.spine_message_id")
    .where("alerts.org_code", "=", scope.orgCode)
    .where("alerts.alert_type", "in", scope.alertTypes.length > 0 ? [...scope.alertTypes] : ["none"]);
}

function filtered(db: Kysely<Database>, scope: AlertScope, filter: AlertFilter) {
  let query = scoped(db, scope);
  if (filter.status) query = query.where("alerts.status", "=", filter.status);
  if (filter.alertType) query = query.where("alerts.alert_type", "=", filter.alertType);
  if (filter.actorSub) query = query.where("alerts.actor_sub", "=", filter.actorSub);
  if (filter.from) query = query.where("alerts.raised_at", ">=", filter.from);
  if (filter.to) query = query.where("alerts.raised_at", "<", filter.to);
  if (filter.sampled) query = query.where("alerts.sample_id", "is not", null);
  if (filter.nhsNumber) query = query.where("alerts.nhs_number", "=", filter.nhsNumber);
  return query;
}

const withSendState = [sql<string | null>`outbox.state`.as("send_state"), sql<string | null>`outbox.error->>'message'`.as("send_error")];

export async function insertAlert(db: Kysely<Database>, alert: Omit<Selectable<AlertsTable>, "status" | "sample_id">): Promise<boolean> {
  const inserted = await db
    .insertInto("alerts")
    .values({ ...alert, status: "new", sample_id: null })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setAlertSpineMessage(db: Kysely<Database>, alertId: string, messageId: string): Promise<void> {
  await db.updateTable("alerts").set({ spine_message_id: messageId }).where("id", "=", alertId).execute();
}

export async function findAlert(db: Kysely<Database>, scope: AlertScope, id: string): Promise<AlertRow | undefined> {
  return scoped(db, scope).selectAll("alerts").select(withSendState).where("alerts.id", "=", id).executeTakeFirst();
}

/** An alert by its own id, unscoped: for the system's own work (sending it to Spine), never for a person. */
export async function findAlertForSending(db: Kysely<Database>, id: string): Promise<Selectable<AlertsTable> | undefined> {
  return db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAlerts(
  db: Kysely<Database>,
  scope: AlertScope,
  filter: AlertFilter,
  page: { sort: AlertSort; dir: "asc" | "desc"; offset: number; limit: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const column = SORT_COLUMNS[page.sort];
  const [rows, total] = await Promise.all([
    filtered(db, scope, filter)
      .selectAll("alerts")
      .select(withSendState)
      .orderBy(`alerts.${column}`, page.dir)
      .orderBy("alerts.raised_at", "desc")
      .orderBy("alerts.id")
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, scope, filter)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countAlertsByStatus(db: Kysely<Database>, scope: AlertScope): Promise<Record<AlertStatus, number>> {
  const rows = await scoped(db, scope)
    .select(["alerts.status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("alerts.status")
    .execute();
  const counts: Record<AlertStatus, number> = { new: 0, open: 0, investigating: 0, closed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function listAlertEvents(db: Kysely<Database>, alertId: string): Promise<AlertEventRow[]> {
  return db.selectFrom("alert_events").selectAll().where("alert_id", "=", alertId).orderBy("id").execute();
}

/**
 * A note or a status change, with the alert's status moved only from the status the actor saw
 * (so two privacy officers acting at once cannot silently overwrite each other).
 */
export async function recordAlertEvent(
  db: Kysely<Database>,
  event: Omit<Selectable<AlertEventsTable>, "id">,
  expectedStatus?: AlertStatus,
): Promise<boolean> {
  // Joins the caller's transaction when there is one (the training world's reset seeds alerts in its own).
  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return inTransaction(async (tx) => {
    if (event.to_status && expectedStatus) {
      const moved = await tx
        .updateTable("alerts")
        .set({ status: event.to_status, updated_at: event.at })
        .where("id", "=", event.alert_id)
        .where("status", "=", expectedStatus)
        .returning("id")
        .executeTakeFirst();
      if (!moved) return false;
    } else {
      await tx.updateTable("alerts").set({ updated_at: event.at }).where("id", "=", event.alert_id).execute();
    }
    await tx.insertInto("alert_events").values(event).execute();
    return true;
  });
}

/** The alerts a sample draws from, in a stable order (so a seed always draws the same ones). */
export async function alertsInPeriod(db: Kysely<Database>, scope: AlertScope, from: Date, to: Date): Promise<{ id: string }[]> {
  return filtered(db, scope, { from, to }).select("alerts.id").orderBy("alerts.id").execute();
}

export async function markSampled(
  db: Kysely<Database>,
  sample: Selectable<Database["alert_samples"]>,
  alertIds: readonly string[],
  actor: { sub: string; roleProfileId: string; name: string | null },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("alert_samples").values(sample).execute();
    if (alertIds.length === 0) return;
    await tx
      .updateTable("alerts")
      .set({ sample_id: sample.id, updated_at: sample.drawn_at })
      .where("id", "in", [...alertIds])
      .execute();
    await tx
      .insertInto("alert_events")
      .values(
        alertIds.map((alertId) => ({
          alert_id: alertId,
          at: sample.drawn_at,
          actor_sub: actor.sub,
          actor_role_id: actor.roleProfileId,
          actor_name: actor.name,
          kind: "sampled" as const,
          from_status: null,
          to_status: null,
          note: `Selected for review: ${sample.percentage}% sample ${sample.id} (seed ${sample.seed})`,
        })),
      )
      .execute();
  });
}

export async function countAlerts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("alerts")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
