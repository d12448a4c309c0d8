import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { findPersona } from "@/lib/personas";
import { decideRolePermissions } from "@/lib/rbac/role-permissions";
import { alertQuery } from "@/lib/schemas/alerts";
import { changeAlert } from "@/server/alerts/change-alert";
import { getAlert } from "@/server/alerts/get-alert";
import { listAlertQueue } from "@/server/alerts/list-alerts";
import { sampleSelfClaimAlerts } from "@/server/alerts/sample-alerts";
import { seedAlertBacklog } from "@/server/alerts/seed-alert-backlog";
import type { SignedInUser } from "@/server/auth/signed-in-user";
import { findByMessageId } from "@/server/db/outbox";
import { emergencyAccess } from "@/server/lr/emergency-access";
import type { LrContext } from "@/server/lr/lr-context";
import { selfClaimLr } from "@/server/lr/self-claim-lr";
import { createOutboxWorker } from "@/server/spine/outbox-worker";
import { personaContext, spineSimulatorRigForFile } from "../support/spine-simulator-rig";

/**
 * Alerts on the server: raised by a self-claim and an emergency access, scoped to the privacy
 * officer's organisation and alert kinds, four-eyes on every change, and reproducible samples.
 * Against the real Spine simulator and the app's store.
 */
const rig = spineSimulatorRigForFile({ startTimeoutMs: 120_000 });

function userOf(uid: string, roleProfileId: string): SignedInUser {
  const persona = findPersona(uid);
  const role = persona?.roles.find((r) => r.person_roleid === roleProfileId);
  if (!persona || !role) throw new Error(`no role ${roleProfileId}`);
  return {
    sessionId: `s-${uid}`,
    sub: uid,
    sid: null,
    roleProfileId,
    orgCode: role.org_code,
    jobRoleCode: role.job_role_code,
    permissions: decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes }).permissions,
  };
}

const PO = userOf("900000000003", "900000000301"); // ZZH, both alert kinds
const ADMIN = userOf("900000000008", "900000000801"); // ZZH, no alert activities
const NURSE_UID = "900000000002";

function ctxOf(uid: string, roleProfileId: string): LrContext {
  return { ...personaContext(uid, rig.runtime("direct").rt, roleProfileId), permissions: userOf(uid, roleProfileId).permissions };
}

async function spineAlertsFor(nhsNumber: string): Promise<{ message_id: string }[]> {
  const response = await fetch(`${rig.simulator.url}/_control/spine-alerts?nhsNumber=${nhsNumber}`);
  return ((await response.json()) as { alerts: { message_id: string }[] }).alerts;
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "done";
}

const queue = (user: SignedInUser, query: Record<string, string> = {}) => listAlertQueue(user, alertQuery.parse(query));

describe("raising alerts", () => {
  it("a nurse's self-claim raises one self-claim alert for her organisation's privacy officer, with her reason", async () => {
    const nhsNumber = syntheticNhsNumber(1051);
    await selfClaimLr(ctxOf(NURSE_UID, "900000000201"), nhsNumber, {
      lrType: SELF_CLAIMED_LR_TYPE,
      accessReasonCode: "04",
      accessReasonText: "Unconscious in ED",
      subject: { kind: "self" },
      idempotencyKey: crypto.randomUUID(),
    });
    const page = await queue(PO, { user: NURSE_UID });
    const alert = page.alerts.find((a) => a.nhsNumber === nhsNumber);
    expect(alert).toMatchObject({ kind: "selfClaim", status: "new", actor: { userId: NURSE_UID, orgCode: "ZZH" } });
    const detail = await getAlert(PO, alert?.id ?? "");
    expect(detail.reasonText).toBe("Unconscious in ED");
    expect(detail.lrId).toBeTruthy();
    expect(detail.canAct).toBe(true);
  });

  it("an emergency access raises an access alert in the user's organisation only", async () => {
    const nhsNumber = syntheticNhsNumber(1053);
    await emergencyAccess(ctxOf("900000000001", "900000000101"), nhsNumber, { dissentOverride: "4", reasonText: "Collapsed" });
    // The GP works at ZZP001: the hospital's privacy officer never sees it.
    const seen = (await queue(PO, { pageSize: "50" })).alerts.filter((a) => a.nhsNumber === nhsNumber);
    expect(seen).toEqual([]);
  });
});

describe("sending to Spine", () => {
  it("an alert whose send meets a Spine fault stays queued, is re-sent by the outbox worker, and Spine keeps it once", async () => {
    const nhsNumber = syntheticNhsNumber(1055);
    rig.simulator.context.faults.arm({
      match: { nhsNumber, interactionId: "COMT_IN000001UK01" },
      fault: { kind: "soapFault", errorCode: "200" },
    });
    const ctx = ctxOf(NURSE_UID, "900000000201");
    await selfClaimLr(ctx, nhsNumber, {
      lrType: SELF_CLAIMED_LR_TYPE,
      accessReasonCode: "04",
      accessReasonText: "Seen in ED",
      subject: { kind: "self" },
      idempotencyKey: crypto.randomUUID(),
    });
    const alertOf = async () => (await queue(PO, { user: NURSE_UID, pageSize: "50" })).alerts.find((a) => a.nhsNumber === nhsNumber);
    // The first send (in the background) meets the fault: the alert is kept, not yet sent.
    await expect
      .poll(
        async () =>
          (await findByMessageId(rig.store.db, (await getAlert(PO, (await alertOf())?.id ?? "")).spineMessageId ?? ""))?.attempts ?? 0,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    expect((await alertOf())?.sendState).toBe("queued");
    expect(await spineAlertsFor(nhsNumber)).toEqual([]);

    rig.simulator.context.faults.reset();
    const detail = await getAlert(PO, (await alertOf())?.id ?? "");
    const worker = createOutboxWorker(ctx.spine ?? rig.runtime("direct").rt);
    await expect
      .poll(
        async () => {
          await worker.runOnce();
          return (await alertOf())?.sendState;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe("sent");
    const stored = await spineAlertsFor(nhsNumber);
    expect(stored.map((alert) => alert.message_id)).toEqual([detail.spineMessageId]);
  }, 90_000);
});

describe("scope and four-eyes", () => {
  it("a privacy officer sees their organisation's backlog, never another's, even by id", async () => {
    await seedAlertBacklog(rig.store.db, new Date());
    const page = await queue(PO, { pageSize: "50" });
    expect(page.alerts.every((a) => a.actor.orgCode === "ZZH")).toBe(true);
    expect(page.counts.byStatus.new).toBeGreaterThan(0);
    expect(await codeOf(getAlert(PO, "9000A1E7-0000-4000-8000-000000000009"))).toBe("not_found");
    expect(await codeOf(changeAlert(PO, "9000A1E7-0000-4000-8000-000000000009", { toStatus: "open" }))).toBe("not_found");
  });

  it("a role without alert activities sees no alerts", async () => {
    expect((await queue(ADMIN)).total).toBe(0);
  });

  it("nobody may change or close an alert they caused", async () => {
    const own = "9000A1E7-0000-4000-8000-000000000007";
    expect((await getAlert(PO, own)).canAct).toBe(false);
    expect(await codeOf(changeAlert(PO, own, { toStatus: "closed", note: "Fine" }))).toBe("forbidden");
    expect(await codeOf(changeAlert(PO, own, { note: "Mine" }))).toBe("forbidden");
  });

  it("status changes are recorded with who, and a stale change is refused", async () => {
    const { alerts } = await queue(PO, { status: "new", kind: "access" });
    const target = alerts.find((a) => a.actor.userId !== PO.sub);
    if (!target) throw new Error("no new access alert in the backlog");
    await changeAlert(PO, target.id, { toStatus: "investigating", note: "Looking" });
    const detail = await getAlert(PO, target.id);
    expect(detail.status).toBe("investigating");
    expect(detail.events.at(-1)).toMatchObject({
      kind: "status",
      fromStatus: "new",
      toStatus: "investigating",
      note: "Looking",
      by: { userId: PO.sub },
    });
  });
});

describe("sampling", () => {
  it("draws a reproducible sample of self-claim alerts and marks them", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const first = await sampleSelfClaimAlerts(PO, { percentage: 50, from, to: today, seed: "audit-2026-12" });
    const again = await sampleSelfClaimAlerts(PO, { percentage: 50, from, to: today, seed: "audit-2026-12" });
    expect(first.sampled).toBeGreaterThan(0);
    expect(again.sampled).toBe(first.sampled);
    const sampled = await queue(PO, { sampled: "yes", pageSize: "50" });
    expect(sampled.alerts.every((a) => a.kind === "selfClaim" && a.sampled)).toBe(true);
    expect(sampled.total).toBe(first.sampled);
  });
});
