import "server-only";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { listAuditEvents } from "@/server/db/audit-events";
import { getDb } from "@/server/db/client";

const RECENT_LIMIT = 5;

/** NHS numbers this session viewed, newest first, each once — derived from the audit trail. */
export async function recentlyViewedPatients(user: Pick<SignedInUser, "sub" | "sessionId">): Promise<string[]> {
  const { db } = await getDb();
  const events = await listAuditEvents(db, { actorSub: user.sub, action: AUDIT_ACTIONS.patientViewed, limit: 100 });
  const numbers: string[] = [];
  for (const event of events) {
    if (event.details.sessionId !== user.sessionId || !event.nhsNumber) continue;
    if (!numbers.includes(event.nhsNumber)) numbers.push(event.nhsNumber);
    if (numbers.length === RECENT_LIMIT) break;
  }
  return numbers;
}
