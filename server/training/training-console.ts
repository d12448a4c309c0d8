import "server-only";
import { findTrainingScenario } from "@/lib/training/training-scenarios";
import { now } from "@/server/auth/clock";
import { sessionLimits } from "@/server/auth/session-policy";
import { getDb } from "@/server/db/client";
import { firstMatchingAuditEvent, latestExercise, listSignedInSessions, type SignedInSession } from "@/server/db/training";
import { type ArmedTrainingFault, listArmedFaults } from "./armed-faults";
import { assertTrainingMode } from "./training-mode";

/** Everything the trainer console shows, read for one page load. */
export interface TrainingConsoleState {
  exercise: {
    scenarioId: string | null;
    name: string | null;
    startedAt: Date;
    startedByName: string | null;
    /** The guided demo, each step with when a trainee did it. */
    steps: { text: string; doneAt: Date | null }[];
  } | null;
  /** null when the simulator could not be reached. */
  faults: ArmedTrainingFault[] | null;
  signedIn: SignedInSession[];
}

export async function loadTrainingConsole(): Promise<TrainingConsoleState> {
  assertTrainingMode();
  const { db } = await getDb();
  const at = now();
  const [exercise, signedIn, faults] = await Promise.all([
    latestExercise(db),
    listSignedInSessions(db, at, sessionLimits().idleTimeoutMs),
    listArmedFaults().catch(() => null),
  ]);
  if (!exercise) return { exercise: null, faults, signedIn };
  const scenario = exercise.scenario ? findTrainingScenario(exercise.scenario) : undefined;
  const startedAt = new Date(exercise.started_at);
  const steps = await Promise.all(
    (scenario?.steps ?? []).map(async (step) => ({
      text: step.text,
      doneAt: (await firstMatchingAuditEvent(db, startedAt, step.doneWhen)) ?? null,
    })),
  );
  return {
    exercise: { scenarioId: exercise.scenario, name: scenario?.name ?? null, startedAt, startedByName: exercise.started_by_name, steps },
    faults,
    signedIn,
  };
}
