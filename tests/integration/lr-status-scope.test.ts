import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { allowedScReasons } from "@/lib/hl7/vocab/lr-status";
import { asNhsNumber, type NhsNumber } from "@/lib/nhs/nhs-number";
import { findPersona } from "@/lib/personas";
import { decideRolePermissions } from "@/lib/rbac/role-permissions";
import { changeLrStatus } from "@/server/lr/change-lr-status";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { selfClaimLr } from "@/server/lr/self-claim-lr";
import notable from "@/simulator/data/notable-patients.json";
import { personaContext, spineSimulatorRigForFile } from "../support/spine-simulator-rig";

/**
 * Who may change an LR's status (lib/rbac/status-change-scope.json): the holder themselves, a
 * member of the holding workgroup, or a privacy officer of the holder's organisation — decided on
 * the server, with nothing sent to Spine when refused. Against the real simulator (its SDS
 * registry answers the holder's organisation).
 */
process.env.APP_DB_IN_MEMORY = "1";

const GP = { uid: "900000000001", role: "900000000101" }; // ZZP001, in workgroup 900000000503 (GP partners)
const NURSE = { uid: "900000000002", role: "900000000201" }; // ZZH
const PRIVACY_OFFICER = { uid: "900000000003", role: "900000000301" }; // ZZH
const GP_PARTNERS = "900000000503";
const patient = asNhsNumber(notable.patients.find((p) => p.key === "noLrs")?.nhsNumber ?? "");

const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });

function as(who: { uid: string; role: string }): LrContext {
  const role = findPersona(who.uid)?.roles.find((r) => r.person_roleid === who.role);
  if (!role) throw new Error(`no role ${who.role}`);
  const { permissions } = decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes });
  // The nurse may self-claim but not change status; for the test she creates, the others change.
  return { ...personaContext(who.uid, rig.runtime("direct").rt, who.role), permissions };
}

async function claim(ctx: LrContext, nhsNumber: NhsNumber, subject: { kind: "self" } | { kind: "workgroup"; workgroupId: string }) {
  const created = await selfClaimLr(ctx, nhsNumber, {
    lrType: SELF_CLAIMED_LR_TYPE,
    accessReasonCode: "01",
    accessReasonText: "Seen in clinic",
    subject,
    idempotencyKey: crypto.randomUUID(),
  });
  if (created.state !== "confirmed") throw new Error(`expected the LR to be created, got ${created.state}`);
  return created.lrId;
}

const freeze = (ctx: LrContext, lrId: string) =>
  changeLrStatus(ctx, lrId, { nhsNumber: patient, reasonCode: allowedScReasons("active")[0] ?? "", idempotencyKey: crypto.randomUUID() });

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "allowed";
}

async function statusChangesSent(): Promise<number> {
  return (await rig.messages({ interactionId: "REPC_IN040000UK15", direction: "inbound" })).length;
}

describe("who may change an LR's status", () => {
  it("own LR: allowed", async () => {
    const lrId = await claim(as(GP), patient, { kind: "self" });
    expect((await freeze(as(GP), lrId)).state).toBe("confirmed");
  });

  it("own workgroup's LR: allowed", async () => {
    const lrId = await claim(as(GP), patient, { kind: "workgroup", workgroupId: GP_PARTNERS });
    expect((await freeze(as(GP), lrId)).state).toBe("confirmed");
  });

  it("another organisation's user's LR: refused on the server, nothing sent to Spine, and not offered on the page", async () => {
    const lrId = await claim(as(NURSE), patient, { kind: "self" });
    const before = await statusChangesSent();
    expect(await refusal(freeze(as(GP), lrId))).toBe("forbidden");
    expect(await statusChangesSent()).toBe(before);
    const row = (await listPatientLrs(as(GP), patient)).rows.find((r) => r.lrId === lrId);
    expect(row?.mayChangeStatus).toBe(false);
  });

  it("privacy officer of the holder's organisation: allowed (and offered)", async () => {
    const lrId = await claim(as(NURSE), patient, { kind: "self" });
    const row = (await listPatientLrs(as(PRIVACY_OFFICER), patient)).rows.find((r) => r.lrId === lrId);
    expect(row?.mayChangeStatus).toBe(true);
    expect((await freeze(as(PRIVACY_OFFICER), lrId)).state).toBe("confirmed");
  });

  it("privacy officer of another organisation: refused", async () => {
    const lrId = await claim(as(GP), patient, { kind: "self" });
    expect(await refusal(freeze(as(PRIVACY_OFFICER), lrId))).toBe("forbidden");
  });
});
