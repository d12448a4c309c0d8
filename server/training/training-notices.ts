import "server-only";
import { faultNotice } from "@/lib/training/training-faults";
import { findTrainingScenario } from "@/lib/training/training-scenarios";
import { getDb } from "@/server/db/client";
import { latestExercise } from "@/server/db/training";
import { logger } from "@/server/log/logger";
import { listArmedFaults } from "./armed-faults";
import { isTrainingMode } from "./training-mode";

/**
 * What every trainee sees in the training banner: the exercise running and a sentence per fault
 * switched on ("Spine is slow in this exercise: replies take 5 seconds."). Read for each page, with
 * a two-second memo so a burst of page loads asks the simulator once; the console's own actions
 * forget the memo so the trainer's next page is current.
 */
export interface TrainingNotices {
  exercise: string | null;
  notices: string[];
}

const MEMO_MS = 2_000;
type Memo = { at: number; value: Promise<TrainingNotices> } | undefined;
// Kept on globalThis: Next bundles route handlers and pages separately, each with its own module
// state, and the console's routes must forget the memo the pages read.
const MEMO_KEY = Symbol.for("lr-manager.training-notices");
const store = globalThis as typeof globalThis & { [MEMO_KEY]?: Memo };

export function forgetTrainingNotices(): void {
  store[MEMO_KEY] = undefined;
}

async function readNotices(): Promise<TrainingNotices> {
  const { db } = await getDb();
  const exercise = await latestExercise(db);
  const name = exercise?.scenario ? (findTrainingScenario(exercise.scenario)?.name ?? exercise.scenario) : null;
  let notices: string[];
  try {
    notices = (await listArmedFaults()).map(({ fault }) => faultNotice(fault));
  } catch (error) {
    logger.warn({ err: error }, "training banner: could not read the simulator's faults");
    notices = ["The Spine simulator cannot be reached at the moment."];
  }
  return { exercise: name, notices };
}

export async function trainingNotices(): Promise<TrainingNotices | null> {
  if (!isTrainingMode()) return null;
  const at = Date.now();
  let memo = store[MEMO_KEY];
  if (!memo || at - memo.at > MEMO_MS) {
    const value = readNotices();
    memo = { at, value };
    store[MEMO_KEY] = memo;
    value.catch(() => {
      if (store[MEMO_KEY]?.value === value) store[MEMO_KEY] = undefined;
    });
  }
  return memo.value;
}
