import "server-only";
import { drawSample } from "@/lib/alerts/draw-sample";
import { alertTypeOf } from "@/lib/alerts/raise-rules";
import type { SampleInput } from "@/lib/schemas/alerts";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAudit } from "@/server/audit/record-audit";
import { now } from "@/server/auth/clock";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { alertsInPeriod, markSampled } from "@/server/db/alerts";
import { getDb } from "@/server/db/client";
import { alertScopeOf } from "./alert-scope";

const DAY_MS = 86_400_000;

export interface SampleResult {
  sampleId: string;
  seed: string;
  population: number;
  sampled: number;
}

/**
 * The PO's standard operating procedure: draw a reproducible random sample of the self-claim
 * alerts raised in a period (their organisation), mark them for review, and record the seed so
 * the same draw can be made again. Audited once.
 */
export async function sampleSelfClaimAlerts(user: SignedInUser, input: SampleInput, requestId?: string): Promise<SampleResult> {
  const { db } = await getDb();
  const scope = { ...alertScopeOf(user) };
  scope.alertTypes = scope.alertTypes.filter((type) => type === alertTypeOf("selfClaim"));
  const periodStart = new Date(`${input.from}T00:00:00Z`);
  const periodEnd = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS);
  const population = await alertsInPeriod(db, scope, periodStart, periodEnd);
  const seed = input.seed ?? crypto.randomUUID();
  const drawn = drawSample(
    population.map((alert) => alert.id),
    input.percentage,
    seed,
  );
  const sampleId = crypto.randomUUID().toUpperCase();
  await markSampled(
    db,
    {
      id: sampleId,
      org_code: user.orgCode,
      percentage: input.percentage,
      period_start: periodStart,
      period_end: periodEnd,
      seed,
      drawn_by: user.sub,
      drawn_at: now(),
      population: population.length,
      sampled: drawn.length,
    },
    drawn,
    { sub: user.sub, roleProfileId: user.roleProfileId, name: user.userName ?? null },
  );
  await recordAudit({
    action: AUDIT_ACTIONS.alertChanged,
    outcome: "success",
    actor: { sub: user.sub, roleProfileId: user.roleProfileId, orgCode: user.orgCode, sessionId: user.sessionId },
    details: {
      change: "sample",
      sampleId,
      seed,
      percentage: input.percentage,
      from: input.from,
      to: input.to,
      population: population.length,
      sampled: drawn.length,
    },
    requestId: requestId ?? null,
  });
  return { sampleId, seed, population: population.length, sampled: drawn.length };
}
