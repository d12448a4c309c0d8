import { beforeAll, describe, expect, it } from "vitest";
import { formatHl7Timestamp, spineError } from "@/lib/hl7";
import { asNhsNumber, type NhsNumber } from "@/lib/nhs/nhs-number";
import { findPersona, findWorkgroup } from "@/lib/personas";
import { findByMessageId } from "@/server/db/outbox";
import { logger } from "@/server/log/logger";
import { addWorkgroupMember } from "@/server/lr/interactions/add-workgroup-member";
import { batchConfirm } from "@/server/lr/interactions/batch-confirm";
import { sendLrStatusChange } from "@/server/lr/interactions/change-lr-status";
import { confirmLr } from "@/server/lr/interactions/confirm-lr";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/interactions/get-patient-lrs";
import { getUserRoleProfiles } from "@/server/lr/interactions/get-user-role-profiles";
import { queryWorkgroups } from "@/server/lr/interactions/query-workgroups";
import { removeWorkgroupMember } from "@/server/lr/interactions/remove-workgroup-member";
import faultCatalogue from "@/simulator/data/faults.json";
import notable from "@/simulator/data/notable-patients.json";
import { rejection } from "@/tests/support/app-error-rejection";
import { batchPatients } from "@/tests/support/batch-patients";
import { personaContext, type RigRuntime, type SpineMode, spineSimulatorRigForFile } from "@/tests/support/spine-simulator-rig";

// Issue 5 acceptance: the BFF's own Spine client (server/lr → server/spine) against the running
// Spine simulator over real HTTP, for every interaction, in direct-Spine and MHS-adaptor modes.
// Async replies land on the BFF's real inbound route. Synthetic personas and patients only.
process.env.APP_DB_IN_MEMORY = "1";
logger.level = "silent";

const notableNumber = (key: string): NhsNumber => {
  const found = notable.patients.find((p) => p.key === key);
  if (!found) throw new Error(`no notable patient ${key}`);
  return asNhsNumber(found.nhsNumber);
};
const patient = {
  manyLrs: notableNumber("manyLrs"),
  noLrs: notableNumber("noLrs"),
  gpActive: notableNumber("gpActive"),
  workgroupOnly: notableNumber("workgroupOnly"),
  frozenOnly: notableNumber("frozenOnly"),
};
const GP = "900000000001";
const NURSE = "900000000002"; // role 900000000201 is in workgroup 900000000501 (ED nurses)
const RA_MANAGER = "900000000004"; // manages workgroup membership
const ED_NURSES = "900000000501";
const GP_PARTNERS = "900000000503";

const rig = spineSimulatorRigForFile();

/** How each interaction travels in each mode: in the HTTP answer ("reply") or after a 202 ("accepted"). */
const EXPECTED_PATH: Record<
  SpineMode,
  Record<"confirm" | "details" | "update" | "lrUpdate" | "sdsQuery" | "batch", "reply" | "accepted">
> = {
  // Direct: only the confirm query is sync SOAP; everything else is ebXML with the reply posted back.
  direct: { confirm: "reply", details: "accepted", lrUpdate: "accepted", update: "accepted", sdsQuery: "accepted", batch: "accepted" },
  // MHS adaptor: sync-async wrap where the adaptor supports it (create, change status, details).
  mhs: { confirm: "reply", details: "reply", lrUpdate: "reply", update: "accepted", sdsQuery: "accepted", batch: "accepted" },
};

describe.each(["direct", "mhs"] as const)("BFF Spine client ↔ simulator, %s mode", (mode) => {
  let run: RigRuntime;
  const as = (uid: string, roleProfileId?: string) => personaContext(uid, run.rt, roleProfileId);
  const sendsOf = (interactionId: string) => run.sends.filter((s) => s.interactionId === interactionId).map((s) => s.outcome);

  beforeAll(async () => {
    await rig.reset();
    run = rig.runtime(mode);
  });

  it("confirm query (short and historic): the user's own LR, none, and an LR held through a named workgroup", async () => {
    expect((await confirmLr(as(GP), { nhsNumber: patient.gpActive })).lrExists).toBe(true);
    expect((await confirmLr(as(GP), { nhsNumber: patient.noLrs })).lrExists).toBe(false);

    const [gpLr] = (await rig.lrs(patient.gpActive)).filter(
      (lr) => lr.subject_role_profile_id === "900000000101" && lr.status === "active",
    );
    const historic = await confirmLr(as(GP), { nhsNumber: patient.gpActive, responseType: "historic" });
    expect(historic.lrExists).toBe(true);
    expect(historic.history?.code?.code).toBe(gpLr?.lr_type_code);
    expect(historic.history?.effectiveTime).toMatch(/^\d{8}/);

    // The ED nurses' LR counts for a nurse who names the workgroup, never for the GP.
    expect((await confirmLr(as(NURSE), { nhsNumber: patient.workgroupOnly, workgroupIds: [ED_NURSES] })).lrExists).toBe(true);
    expect((await confirmLr(as(GP), { nhsNumber: patient.workgroupOnly, workgroupIds: [GP_PARTNERS] })).lrExists).toBe(false);
    expect(new Set(sendsOf("QUPC_IN010000UK32"))).toEqual(new Set([EXPECTED_PATH[mode].confirm]));
  });

  it("details query: simple and complete lists match the simulator's records, and a time period filters them", async () => {
    const truth = await rig.lrs(patient.manyLrs);
    expect(truth.length).toBeGreaterThan(10);

    const simple = await getPatientLrs(as(GP), { nhsNumber: patient.manyLrs, detail: "simple" });
    if (simple.detail !== "simple") throw new Error("expected the simple list");
    const current = truth.filter((lr) => lr.status !== "closed");
    expect(simple.entries.map((e) => e.lrId).sort()).toEqual(current.map((lr) => lr.lr_id).sort());
    for (const entry of simple.entries) expect(entry.code.code).toBe(truth.find((lr) => lr.lr_id === entry.lrId)?.lr_type_code);

    const complete = await getPatientLrs(as(GP), { nhsNumber: patient.manyLrs, detail: "comprehensive" });
    if (complete.detail !== "comprehensive") throw new Error("expected the complete list");
    expect(complete.entries.map((e) => e.lrId).sort()).toEqual(truth.map((lr) => lr.lr_id).sort());
    for (const entry of complete.entries) {
      const lr = truth.find((candidate) => candidate.lr_id === entry.lrId);
      expect({ status: entry.code.code, type: entry.reasonCode.code }).toEqual({ status: lr?.status, type: lr?.lr_type_code });
    }
    expect(new Set(complete.entries.map((e) => e.code.code))).toEqual(new Set(["active", "frozen", "closed"]));

    const start = new Date("2019-01-01T00:00:00Z");
    const end = new Date("2020-12-31T00:00:00Z");
    const inPeriod = await getPatientLrs(as(GP), { nhsNumber: patient.manyLrs, detail: "comprehensive", timePeriod: { start, end } });
    const [low, high] = [formatHl7Timestamp(start), formatHl7Timestamp(end)];
    const overlapping = truth.filter((lr) => lr.start_time <= high && (lr.end_time === null || lr.end_time >= low));
    expect(overlapping.length).toBeGreaterThan(0);
    expect(overlapping.length).toBeLessThan(truth.length);
    expect(inPeriod.entries.map((e) => e.lrId).sort()).toEqual(overlapping.map((lr) => lr.lr_id).sort());
    expect(new Set(sendsOf("QUPC_IN020000UK17"))).toEqual(new Set([EXPECTED_PATH[mode].details]));
  });

  it("create → identical create → freeze → reactivate → close; a closed LR refuses a further change", async () => {
    const created = await createLegitimateRelationship(as(GP), {
      nhsNumber: patient.noLrs,
      lrType: "01",
      accessReason: { text: "Subject access request" },
    });
    if (created.state !== "confirmed") throw new Error(`expected confirmed, got ${created.state}`);
    expect(created.lrId).toMatch(/^[A-Z0-9]{1,20}$/);
    expect((await findByMessageId(rig.store.db, created.messageId))?.state).toBe("confirmed");
    expect(await rig.lrs(patient.noLrs)).toEqual([
      expect.objectContaining({ lr_id: created.lrId, status: "active", lr_type_code: "01", subject_role_profile_id: "900000000101" }),
    ]);
    expect((await confirmLr(as(GP), { nhsNumber: patient.noLrs })).lrExists).toBe(true);

    // Spine answers an identical active LR with the existing id: no second LR.
    const again = await createLegitimateRelationship(as(GP), { nhsNumber: patient.noLrs, lrType: "01" });
    expect(again).toMatchObject({ state: "confirmed", lrId: created.lrId });
    expect(await rig.lrs(patient.noLrs)).toHaveLength(1);

    const statusAfter = async (reasonCode: string) => {
      const changed = await sendLrStatusChange(as(GP), { nhsNumber: patient.noLrs, lrId: created.lrId, reasonCode });
      expect(changed).toMatchObject({ state: "confirmed", lrId: created.lrId });
      return (await rig.lrs(patient.noLrs))[0]?.status;
    };
    expect(await statusAfter("02")).toBe("frozen");
    expect((await confirmLr(as(GP), { nhsNumber: patient.noLrs })).lrExists).toBe(false);
    expect(await statusAfter("08")).toBe("active");
    expect(await statusAfter("06")).toBe("closed");

    const refused = await rejection(sendLrStatusChange(as(GP), { nhsNumber: patient.noLrs, lrId: created.lrId, reasonCode: "06" }));
    expect(refused.code).toBe("spine_business_error");
    expect((await findByMessageId(rig.store.db, refused.reference ?? ""))?.state).toBe("failed");
    // Another patient's LR id is Spine's business error too, never a success.
    const mismatch = await rejection(sendLrStatusChange(as(GP), { nhsNumber: patient.gpActive, lrId: created.lrId, reasonCode: "02" }));
    expect(mismatch.code).toBe("spine_business_error");

    const forWorkgroup = await createLegitimateRelationship(as(GP), {
      nhsNumber: patient.noLrs,
      lrType: "06",
      subject: { kind: "workgroup", workgroupId: GP_PARTNERS },
    });
    if (forWorkgroup.state !== "confirmed") throw new Error("expected confirmed");
    expect((await rig.lrs(patient.noLrs)).find((lr) => lr.lr_id === forWorkgroup.lrId)).toMatchObject({
      subject_kind: "workgroup",
      subject_workgroup_id: GP_PARTNERS,
    });
    const path = EXPECTED_PATH[mode].lrUpdate;
    expect(new Set([...sendsOf("REPC_IN010000UK15"), ...sendsOf("REPC_IN040000UK15")])).toEqual(new Set([path]));
  });

  it("role profiles: a persona's profiles and workgroups as SDS holds them; an unknown user is Spine's error", async () => {
    const nurse = findPersona(NURSE)!;
    const all = await getUserRoleProfiles(as(NURSE));
    expect(all.userId).toBe(NURSE);
    expect(
      all.roleProfiles.map((p) => ({ id: p.roleProfileId, org: p.organizationId, workgroups: p.workgroups.map((w) => w.workgroupId) })),
    ).toEqual(
      // SDS holds only the roles marked as in SDS (the nurse's community role is CIS2's alone).
      nurse.roles.filter((r) => r.in_sds !== false).map((r) => ({ id: r.person_roleid, org: r.org_code, workgroups: r.workgroups_codes })),
    );

    const inOneOrg = await getUserRoleProfiles(as(NURSE), { organizationCode: "ZZH" });
    expect(inOneOrg.roleProfiles.map((p) => p.roleProfileId)).toEqual(["900000000201"]);

    const unknown = await rejection(getUserRoleProfiles(as(NURSE), { userId: "900000000099" }));
    expect(unknown.code).toBe("spine_business_error");
    expect(new Set(sendsOf("QUPC_IN010102UK01"))).toEqual(new Set([EXPECTED_PATH[mode].sdsQuery]));
  });

  it("workgroup query: type, id, name and status of each workgroup", async () => {
    const ids = ["900000000501", "900000000502", "900000000503", "900000000504"];
    const { workgroups } = await queryWorkgroups(as(RA_MANAGER), { workgroupIds: ids });
    expect(workgroups.map((w) => ({ id: w.workgroupId, name: w.name }))).toEqual(ids.map((id) => ({ id, name: findWorkgroup(id)?.name })));
    for (const w of workgroups) expect(w.type && w.status).toBeTruthy();
    const none = await rejection(queryWorkgroups(as(RA_MANAGER), { workgroupIds: ["900000000599"] }));
    expect(none.code).toBe("spine_business_error");
    expect(new Set(sendsOf("QUPC_IN041234UK01"))).toEqual(new Set([EXPECTED_PATH[mode].sdsQuery]));
  });

  it("add / remove workgroup member: alreadyAMember and wasNotAMember both ways, and SDS membership counts for confirm", async () => {
    const member = { workgroupId: ED_NURSES, memberUserId: GP, memberRoleProfileId: "900000000101" };
    expect((await confirmLr(as(GP), { nhsNumber: patient.workgroupOnly })).lrExists).toBe(false);

    const added = await addWorkgroupMember(as(RA_MANAGER), member);
    expect(added).toMatchObject({ state: "confirmed", flag: false });
    // docs/domain.md §3.9: identifiedWorkgroupsOnly is always on the wire, its placeholder code system on the 2.999 example arc.
    const sent = (await findByMessageId(rig.store.db, added.messageId))?.requestBody ?? "";
    expect(sent).toMatch(
      /<originatingURP[^>]*>.*<subjectOf typeCode="SBJ"><identifiedWorkgroupsOnly classCode="OBS" moodCode="EVN"><code code="IWO" codeSystem="2\.999\.4"\/><value value="false"\/>/s,
    );
    expect(sent).not.toContain("17.999");
    expect(await addWorkgroupMember(as(RA_MANAGER), member)).toMatchObject({ state: "confirmed", flag: true });
    // Now in SDS, the GP holds the ED nurses' LR through membership, and their role profile shows it.
    expect((await confirmLr(as(GP), { nhsNumber: patient.workgroupOnly })).lrExists).toBe(true);
    const { roleProfiles } = await getUserRoleProfiles(as(GP));
    expect(roleProfiles[0]?.workgroups.map((w) => w.workgroupId).sort()).toEqual([ED_NURSES, GP_PARTNERS]);

    expect(await removeWorkgroupMember(as(RA_MANAGER), member)).toMatchObject({ state: "confirmed", flag: false });
    expect(await removeWorkgroupMember(as(RA_MANAGER), member)).toMatchObject({ state: "confirmed", flag: true });
    expect((await confirmLr(as(GP), { nhsNumber: patient.workgroupOnly })).lrExists).toBe(false);

    const unknownWorkgroup = await rejection(addWorkgroupMember(as(RA_MANAGER), { ...member, workgroupId: "900000000599" }));
    expect(unknownWorkgroup.code).toBe("spine_business_error");
    expect(new Set([...sendsOf("REPC_IN130002UK01"), ...sendsOf("REPC_IN130004UK01")])).toEqual(new Set([EXPECTED_PATH[mode].update]));
  });

  it("batch confirm, 10,000 patients: per-patient answers in order, per-patient errors for unknown numbers and bad check digits", async () => {
    const magic = new Set(faultCatalogue.faults.map((f) => f.nhsNumber));
    const seeded = (await rig.simulator.context.db.selectFrom("patients").select("nhs_number").orderBy("nhs_number").execute())
      .map((row) => row.nhs_number)
      .filter((n) => !magic.has(n));
    const batch = batchPatients(seeded, 10_000, 5);
    const started = performance.now();
    const { messageId, results } = await batchConfirm(as(GP), { nhsNumbers: batch.nhsNumbers });
    console.info(`batch confirm of ${results.length} patients (${mode}): ${Math.round(performance.now() - started)} ms`);

    expect(results.map((r) => r.nhsNumber)).toEqual(batch.nhsNumbers);
    const issueCode = (key: "patientNotFound" | "invalidNhsNumber") => spineError(key).code;
    results.forEach((result, i) => {
      const kind = batch.kinds[i];
      if (kind === "seeded") expect(result.kind, result.nhsNumber).toBe("status");
      else
        expect(result, result.nhsNumber).toMatchObject({
          kind: "issue",
          issue: { code: issueCode(kind === "unknown" ? "patientNotFound" : "invalidNhsNumber") },
        });
    });
    expect(batch.kinds.filter((k) => k === "badCheckDigit")).toHaveLength(5);

    // Each seeded patient's answer agrees with the confirm query for the same user.
    const withLr = new Set(results.filter((r) => r.kind === "status" && r.hasLr).map((r) => r.nhsNumber));
    expect(withLr.has(patient.gpActive)).toBe(true);
    for (const nhsNumber of [patient.gpActive, patient.noLrs, patient.manyLrs, patient.workgroupOnly, patient.frozenOnly]) {
      expect(withLr.has(nhsNumber), nhsNumber).toBe((await confirmLr(as(GP), { nhsNumber })).lrExists);
    }
    expect((await findByMessageId(rig.store.db, messageId))?.state).toBe("confirmed");
    expect(sendsOf("QUPC_IN090000UK03")).toEqual([EXPECTED_PATH[mode].batch]);
  });
});
