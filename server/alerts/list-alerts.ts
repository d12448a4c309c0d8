import "server-only";
import { alertTypeOf } from "@/lib/alerts/raise-rules";
import type { AlertCounts, AlertPage, AlertQuery } from "@/lib/schemas/alerts";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { countAlertsByStatus, listAlerts } from "@/server/db/alerts";
import { getDb } from "@/server/db/client";
import { alertScopeOf } from "./alert-scope";
import { alertSummaryOf } from "./alert-view";

const DAY_MS = 86_400_000;

/** The alert queue: the privacy officer's organisation and kinds, filtered, sorted, one page, with counts per status. */
export async function listAlertQueue(user: SignedInUser, query: AlertQuery): Promise<AlertPage> {
  const { db } = await getDb();
  const scope = alertScopeOf(user);
  const filter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { alertType: alertTypeOf(query.kind) } : {}),
    ...(query.user ? { actorSub: query.user } : {}),
    ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
    // "To" is inclusive of the whole day.
    ...(query.to ? { to: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
    ...(query.sampled ? { sampled: true } : {}),
  };
  const [{ rows, total }, byStatus] = await Promise.all([
    listAlerts(db, scope, filter, { sort: query.sort, dir: query.dir, offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
    countAlertsByStatus(db, scope),
  ]);
  return { alerts: rows.map(alertSummaryOf), counts: { byStatus }, total, page: query.page, pageSize: query.pageSize };
}

/** Counts per status for the header badge. */
export async function alertCounts(user: SignedInUser): Promise<AlertCounts> {
  const { db } = await getDb();
  return { byStatus: await countAlertsByStatus(db, alertScopeOf(user)) };
}
