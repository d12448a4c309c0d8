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
let memo: { at: number; value: Promise<TrainingNotices> } | undefined;

export function forgetTrainingNotices(): void {
  memo = undefined;
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
  if (!memo || at - memo.at > MEMO_MS) {
    const value = readNotices();
    memo = { at, value };
    value.catch(() => {
      if (memo?.value === value) memo = undefined;
    });
  }
  return memo.value;
}
