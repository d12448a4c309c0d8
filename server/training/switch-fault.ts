import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { asNhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { faultNotice, simulatorFaultFor, type TrainingFault } from "@/lib/training/training-faults";
import { recordAudit } from "@/server/audit/record-audit";
import { now } from "@/server/auth/clock";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { getDb } from "@/server/db/client";
import { makeWaitingMessagesDue } from "@/server/db/training";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { ensureOutboxWorker } from "@/server/spine/outbox-worker";
import { listArmedFaults } from "./armed-faults";
import { simulatorControl } from "./simulator-control";
import { trainerAuditActor } from "./training-actor";
import { assertTrainingMode } from "./training-mode";
import { forgetTrainingNotices } from "./training-notices";

/** Switches a fault on in the simulator for everyone or one patient; trainees see it in the banner. */
export async function switchFaultOn(user: SignedInUser, fault: TrainingFault, requestId: string): Promise<{ id: number }> {
  assertTrainingMode();
  const { id } = await simulatorControl<{ id: number }>("POST", "/_control/faults", simulatorFaultFor(fault));
  forgetTrainingNotices();
  await recordAudit({
    action: AUDIT_ACTIONS.trainingFaultOn,
    outcome: "success",
    actor: trainerAuditActor(user),
    ...(fault.nhsNumber ? { nhsNumber: asNhsNumber(fault.nhsNumber) } : {}),
    details: { faultId: id, kind: fault.kind, ...(fault.latencyMs ? { latencyMs: fault.latencyMs } : {}), notice: faultNotice(fault) },
    requestId,
  });
  return { id };
}

/**
 * Switches one fault off. Messages still waiting for Spine are then re-sent straight away (under
 * their original MessageId, so Spine records each once), so the exercise carries on without the
 * trainees waiting for the outbox's next retry.
 */
export async function switchFaultOff(user: SignedInUser, faultId: number, requestId: string): Promise<{ resent: number }> {
  assertTrainingMode();
  const armed = (await listArmedFaults()).find((entry) => entry.id === faultId);
  if (!armed) throw new AppError("not_found", "That fault is not switched on.");
  await simulatorControl("DELETE", `/_control/faults/${faultId}`);
  forgetTrainingNotices();
  const runtime = await getSpineRuntime();
  const resent = await makeWaitingMessagesDue((await getDb()).db, now());
  if (resent > 0) void ensureOutboxWorker(runtime)?.runOnce();
  await recordAudit({
    action: AUDIT_ACTIONS.trainingFaultOff,
    outcome: "success",
    actor: trainerAuditActor(user),
    ...(armed.fault.nhsNumber ? { nhsNumber: asNhsNumber(armed.fault.nhsNumber) } : {}),
    details: { faultId, kind: armed.fault.kind, resent },
    requestId,
  });
  return { resent };
}
