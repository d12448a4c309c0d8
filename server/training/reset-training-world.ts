import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { simulatorFaultFor } from "@/lib/training/training-faults";
import { findTrainingScenario, type TrainingScenario } from "@/lib/training/training-scenarios";
import { seedAlertBacklog } from "@/server/alerts/seed-alert-backlog";
import { recordAudit } from "@/server/audit/record-audit";
import { now } from "@/server/auth/clock";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { getDb } from "@/server/db/client";
import { clearAlerts, failWaitingMessages, insertExercise } from "@/server/db/training";
import { simulatorControl } from "./simulator-control";
import { trainerAuditActor } from "./training-actor";
import { assertTrainingMode } from "./training-mode";
import { forgetTrainingNotices } from "./training-notices";

/**
 * Sets the training world to a known start (issue 15): the simulator's world reloaded and its
 * faults cleared; on the app's side, messages still waiting for Spine failed (the old world can
 * never answer them), the alert queue emptied (and the backlog seeded where the scenario wants it),
 * and the exercise recorded. The audit trail is kept: it is append-only, and the guided demo reads
 * it from the exercise's start. A plain reset is the start the app boots into (default world, the
 * privacy-officer backlog, no faults).
 */
const RESET: Pick<TrainingScenario, "simulatorScenario" | "alertBacklog" | "faults"> = {
  simulatorScenario: "default",
  alertBacklog: true,
  faults: [],
};

export interface ResetOutcome {
  scenario: string | null;
  failedMessages: number;
  alertsSeeded: number;
}

async function setWorld(user: SignedInUser, scenario: TrainingScenario | undefined, requestId: string): Promise<ResetOutcome> {
  assertTrainingMode();
  const start = scenario ?? RESET;
  await simulatorControl("DELETE", "/_control/faults");
  await simulatorControl("POST", "/_control/reset", { scenario: start.simulatorScenario });
  for (const fault of start.faults) await simulatorControl("POST", "/_control/faults", simulatorFaultFor(fault));
  const { db } = await getDb();
  const at = now();
  const outcome = await db.transaction().execute(async (trx) => {
    const failedMessages = await failWaitingMessages(trx, at, {
      code: "spine_unavailable",
      message: "The training world was reset before Spine answered. Nothing was recorded.",
      retryable: false,
    });
    await clearAlerts(trx);
    const alertsSeeded = start.alertBacklog ? await seedAlertBacklog(trx, at) : 0;
    await insertExercise(trx, { scenario: scenario?.id ?? null, startedAt: at, startedBy: user.sub, startedByName: user.userName ?? null });
    return { scenario: scenario?.id ?? null, failedMessages, alertsSeeded };
  });
  forgetTrainingNotices();
  await recordAudit({
    action: scenario ? AUDIT_ACTIONS.trainingScenarioLoaded : AUDIT_ACTIONS.trainingReset,
    outcome: "success",
    actor: trainerAuditActor(user),
    details: { ...(scenario ? { scenario: scenario.id } : {}), failedMessages: outcome.failedMessages, alertsSeeded: outcome.alertsSeeded },
    requestId,
  });
  return outcome;
}

export function resetTrainingWorld(user: SignedInUser, requestId: string): Promise<ResetOutcome> {
  return setWorld(user, undefined, requestId);
}

export function loadTrainingScenario(user: SignedInUser, scenarioId: string, requestId: string): Promise<ResetOutcome> {
  const scenario = findTrainingScenario(scenarioId);
  if (!scenario) throw new AppError("not_found", "There is no training scenario with that name.");
  return setWorld(user, scenario, requestId);
}
