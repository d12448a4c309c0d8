import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { allowedScReasons } from "@/lib/hl7/vocab/lr-status";
import { asNhsNumber, type NhsNumber } from "@/lib/nhs/nhs-number";
import type { Permission } from "@/lib/rbac/permission-names";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/server/db/audit-events";
import { changeLrStatus } from "@/server/lr/change-lr-status";
import { checkRelationship } from "@/server/lr/check-relationship";
import { emergencyAccess } from "@/server/lr/emergency-access";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { selfClaimLr } from "@/server/lr/self-claim-lr";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { personaContext, spineSimulatorRigForFile } from "../support/spine-simulator-rig";

/**
 * Every LR action writes exactly one audit event per outcome — who (user, role profile,
 * organisation), which patient, which Spine message, and the outcome — including when Spine
 * fails. Updates are audited from the outbox row (requested, then confirmed or failed), queries
 * by the service as one event. Against the real Spine simulator over HTTP.
 */
process.env.APP_DB_IN_MEMORY = "1";

const GP = "900000000001";
const PERMISSIONS: Permission[] = ["lr.view", "lr.viewComplete", "lr.selfClaim", "lr.changeStatus", "lr.emergencyView"];
const patient = (key: string): NhsNumber => asNhsNumber(notable.patients.find((p) => p.key === key)?.nhsNumber ?? "");
const magic = (name: string): NhsNumber => asNhsNumber(faultCatalogue.faults.find((f) => f.name === name)?.nhsNumber ?? "");

const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });

function gp(): LrContext {
  return { ...personaContext(GP, rig.runtime("direct").rt), permissions: PERMISSIONS, requestId: crypto.randomUUID() };
}

/** The audit events written for one Spine message, oldest first (the alert an action raises is its own action). */
async function eventsFor(spineMessageId: string | undefined, options: { alerts?: boolean } = {}) {
  expect(spineMessageId, "the action names its Spine message").toBeTruthy();
  const all = await listAuditEvents(rig.store.db, { limit: 1000 });
  return all
    .filter((event) => event.spineMessageId === spineMessageId && (options.alerts ?? false) === event.action.startsWith("alert."))
    .reverse();
}

async function failure(work: Promise<unknown>): Promise<{ code: string; reference?: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, ...(error.reference ? { reference: error.reference } : {}) };
    throw error;
  }
  throw new Error("expected the action to fail");
}

const selfClaim = (ctx: LrContext, nhsNumber: NhsNumber) =>
  selfClaimLr(ctx, nhsNumber, {
    lrType: SELF_CLAIMED_LR_TYPE,
    accessReasonCode: "01",
    accessReasonText: "Seen in clinic today",
    subject: { kind: "self" },
    idempotencyKey: crypto.randomUUID(),
  });

describe("LR create", () => {
  it("confirmed: requested then confirmed, with who, patient and Spine message", async () => {
    const ctx = gp();
    const created = await selfClaim(ctx, patient("noLrs"));
    expect(created.state).toBe("confirmed");
    const events = await eventsFor(created.reference);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      [AUDIT_ACTIONS.lrCreateRequested, "success"],
      [AUDIT_ACTIONS.lrCreateConfirmed, "success"],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actorSub: ctx.userId, roleId: ctx.roleProfileId, orgCode: ctx.orgCode, nhsNumber: patient("noLrs") });
      expect(event.requestId).toBe(ctx.requestId);
    }
    // The self-claim also raised one privacy-officer alert, audited as its own action.
    expect((await eventsFor(created.reference, { alerts: true })).map((e) => e.action)).toEqual([AUDIT_ACTIONS.alertRaised]);
  });

  it("refused by Spine: requested then failed, with the error", async () => {
    const error = await failure(selfClaim(gp(), magic("businessError")));
    const events = await eventsFor(error.reference);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      [AUDIT_ACTIONS.lrCreateRequested, "success"],
      [AUDIT_ACTIONS.lrCreateFailed, "failure"],
    ]);
    expect(events[1]?.details.error).toBe(error.code);
  });
});

describe("LR status change", () => {
  it("confirmed, and refused by Spine: requested then confirmed / failed", async () => {
    const ctx = gp();
    const nhsNumber = patient("noLrs");
    const created = await selfClaim(ctx, nhsNumber);
    if (created.state !== "confirmed") throw new Error("expected the LR to be created");
    const [reasonCode] = allowedScReasons("active");
    if (!reasonCode) throw new Error("no reason code from active");

    rig.simulator.context.faults.arm({
      match: { interactionId: "REPC_IN040000UK15" },
      fault: { kind: "businessError", error: "unableToProcess" },
      times: 1,
    });
    const refused = await failure(changeLrStatus(ctx, created.lrId, { nhsNumber, reasonCode, idempotencyKey: crypto.randomUUID() }));
    expect((await eventsFor(refused.reference)).map((e) => [e.action, e.outcome])).toEqual([
      [AUDIT_ACTIONS.lrStatusChangeRequested, "success"],
      [AUDIT_ACTIONS.lrStatusChangeFailed, "failure"],
    ]);

    const changed = await changeLrStatus(ctx, created.lrId, { nhsNumber, reasonCode, idempotencyKey: crypto.randomUUID() });
    expect(changed.state).toBe("confirmed");
    const events = await eventsFor(changed.reference);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      [AUDIT_ACTIONS.lrStatusChangeRequested, "success"],
      [AUDIT_ACTIONS.lrStatusChangeConfirmed, "success"],
    ]);
    expect(events[0]?.details).toMatchObject({ lrId: created.lrId, reasonCode });
  });
});

describe("queries: one event each", () => {
  it.each([
    ["confirm query", AUDIT_ACTIONS.confirmQuery, (ctx: LrContext, n: NhsNumber) => checkRelationship(ctx, n)],
    ["details query", AUDIT_ACTIONS.detailsQuery, (ctx: LrContext, n: NhsNumber) => listPatientLrs(ctx, n)],
    [
      "emergency access",
      AUDIT_ACTIONS.emergencyAccess,
      (ctx: LrContext, n: NhsNumber) => emergencyAccess(ctx, n, { dissentOverride: "1", reasonText: "Unconscious in ED" }),
    ],
  ] as const)("%s: success, and Spine failure", async (_label, action, run) => {
    const ctx = gp();
    const answer = await run(ctx, patient("manyLrs"));
    const ok = await eventsFor(answer.reference);
    expect(ok.map((e) => [e.action, e.outcome])).toEqual([[action, "success"]]);
    expect(ok[0]).toMatchObject({ actorSub: ctx.userId, roleId: ctx.roleProfileId, orgCode: ctx.orgCode, nhsNumber: patient("manyLrs") });

    const error = await failure(run(ctx, magic("businessError")));
    const failed = await eventsFor(error.reference);
    expect(failed.map((e) => [e.action, e.outcome])).toEqual([[action, "failure"]]);
    expect(failed[0]?.details.error).toBe(error.code);
    if (action === AUDIT_ACTIONS.emergencyAccess)
      expect(failed[0]?.details).toMatchObject({ dissentOverride: "1", reasonText: "Unconscious in ED" });
  });
});
