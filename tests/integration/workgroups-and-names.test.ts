import { sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DIRECTORY_FHIR_PATH } from "@/lib/config/directory-config";
import { isAppError } from "@/lib/errors/app-error";
import { SELF_CLAIMED_LR_TYPE } from "@/lib/hl7/vocab/lr-codes";
import { asNhsNumber } from "@/lib/nhs/nhs-number";
import { workgroupChangeOf } from "@/lib/schemas/workgroups";
import { NAMES_UNAVAILABLE_MESSAGE } from "@/lib/ui/directory-names";
import { Directory, setDirectory } from "@/server/directory/directory";
import { DIRECTORY_CHANGED_CHANNEL, type DirectoryChange, parseDirectoryChange } from "@/server/directory/directory-channel";
import { listenForDirectoryChanges, onDirectoryChange } from "@/server/directory/directory-invalidation";
import { getOperationStatus } from "@/server/lr/get-operation-status";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { forgetMyWorkgroups, myWorkgroupsForPage, WORKGROUP_LOOKUP_FAILED } from "@/server/lr/my-workgroups";
import { selfClaimLr } from "@/server/lr/self-claim-lr";
import { addMember } from "@/server/workgroups/add-member";
import { getWorkgroup } from "@/server/workgroups/get-workgroup";
import { lookUpUser } from "@/server/workgroups/look-up-user";
import { removeMember } from "@/server/workgroups/remove-member";
import notable from "@/simulator/data/notable-patients.json";
import { personaContext, spineSimulatorRigForFile } from "../support/spine-simulator-rig";

/**
 * Role profiles, workgroups and names against the real Spine simulator (its SDS registry answers
 * the workgroup and role-profile queries over Spine, and its directory endpoint the names and
 * members): membership changes with their audit trail and Spine's "already a member" answers,
 * names in the LR list, a directory outage (visible fallback and a clear message), the workgroup
 * self-claim that says what really went wrong, and the invalidation notification that lets two app
 * instances agree after a change.
 */
process.env.APP_DB_IN_MEMORY = "1";

const RA_MANAGER = { uid: "900000000004", role: "900000000401" }; // ZZH
const NURSE = { uid: "900000000002", role: "900000000201" }; // ZZH, in SYNTH ED NURSES
const GP = { uid: "900000000001", role: "900000000101" }; // ZZP001
const ED_NURSES = "900000000501";
const PO_TEAM = "900000000502"; // ZZH, the nurse is not in it
const GP_PARTNERS = "900000000503"; // ZZP001
const manyLrs = asNhsNumber(notable.patients.find((p) => p.key === "manyLrs")?.nhsNumber ?? "");
const noLrs = asNhsNumber(notable.patients.find((p) => p.key === "noLrs")?.nhsNumber ?? "");

const rig = spineSimulatorRigForFile({ resetBetweenTests: true, startTimeoutMs: 120_000 });

function as(who: { uid: string; role: string }): LrContext {
  return personaContext(who.uid, rig.runtime("direct").rt, who.role);
}

function simulatorDirectory(baseUrl = `${rig.simulator.url}${DIRECTORY_FHIR_PATH}`): Directory {
  return new Directory({ baseUrl, timeoutMs: 3_000, cache: { maxEntries: 100, ttlMs: 60_000 } });
}

const change = (reason: string) => ({ userId: NURSE.uid, roleProfileId: NURSE.role, reason, idempotencyKey: crypto.randomUUID() });

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

async function armFault(
  interactionId: string,
  fault: Record<string, unknown> = { kind: "businessError", error: "unableToProcess" },
): Promise<void> {
  const response = await fetch(`${rig.simulator.url}/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match: { interactionId }, fault }),
  });
  expect(response.status).toBe(201);
}

beforeEach(() => {
  setDirectory(simulatorDirectory());
  forgetMyWorkgroups(NURSE.uid, NURSE.role);
});
afterAll(() => setDirectory(undefined));

describe("workgroup membership (RA manager)", () => {
  it("adds a nurse, lists her, says 'already a member' as an answer, removes her, and says 'was not a member'", async () => {
    const ra = as(RA_MANAGER);
    const before = await getWorkgroup(ra, PO_TEAM);
    expect(before.name).toBe("SYNTH PO TEAM");
    expect(before.mayManage).toBe(true);
    expect(before.members.state === "listed" && before.members.members.some((m) => m.userId === NURSE.uid)).toBe(false);

    const added = await addMember(ra, PO_TEAM, change("Covering the privacy office in May"));
    expect(added).toMatchObject({ state: "confirmed", change: "added" });
    const after = await getWorkgroup(ra, PO_TEAM);
    expect(after.members.state === "listed" ? after.members.members.find((m) => m.userId === NURSE.uid) : undefined).toMatchObject({
      userName: "Robin SYNTHNURSE",
      roleProfileId: NURSE.role,
      jobRoleName: "Nurse Access Role",
    });

    expect(await addMember(ra, PO_TEAM, change("Asked twice"))).toMatchObject({ state: "confirmed", change: "alreadyMember" });
    expect(await removeMember(ra, PO_TEAM, change("Cover ended"))).toMatchObject({ state: "confirmed", change: "removed" });
    expect(await removeMember(ra, PO_TEAM, change("Cover ended"))).toMatchObject({ state: "confirmed", change: "notMember" });
    const last = await getWorkgroup(ra, PO_TEAM);
    expect(last.members.state === "listed" && last.members.members.some((m) => m.userId === NURSE.uid)).toBe(false);
  });

  it("audits every change with the member and the reason (requested, then confirmed), and each view as one query", async () => {
    const ra = as(RA_MANAGER);
    const added = await addMember(ra, PO_TEAM, change("Covering the privacy office in May"));
    await getWorkgroup(ra, PO_TEAM);
    // The app's store is shared by the file's tests: this test's events are those after its first one.
    const first = await sql<{ id: number }>`select min(id) as id from audit_events where spine_message_id = ${added.reference}`.execute(
      rig.store.db,
    );
    const events = await sql<{ action: string; outcome: string; details: Record<string, unknown>; spine_message_id: string | null }>`
      select action, outcome, details, spine_message_id from audit_events
      where action like 'workgroup.%' and id >= ${first.rows[0]?.id ?? 0} order by id`.execute(rig.store.db);
    const adds = events.rows.filter((row) => row.action.startsWith("workgroup.add"));
    expect(adds.map((row) => row.action)).toEqual(["workgroup.add.requested", "workgroup.add.confirmed"]);
    for (const row of adds) {
      expect(row.spine_message_id).toBe(added.reference);
      expect(row.details).toMatchObject({
        workgroupId: PO_TEAM,
        memberUserId: NURSE.uid,
        memberRoleProfileId: NURSE.role,
        reason: "Covering the privacy office in May",
      });
    }
    expect(events.rows.filter((row) => row.action === "workgroup.query").map((row) => row.outcome)).toEqual(["success"]);
  });

  it("pending like an LR update: Spine answers late, the operation confirms, and the change is announced then", async () => {
    await armFault("REPC_IN130002UK01", { kind: "lateReply" });
    const heard: DirectoryChange[] = [];
    const stop = await rig.store.listen(DIRECTORY_CHANGED_CHANNEL, (payload) => {
      const parsed = parseDirectoryChange(payload);
      if (parsed) heard.push(parsed);
    });
    try {
      const ra = { ...personaContext(RA_MANAGER.uid, rig.runtime("direct", { asyncWaitMs: 50 }).rt, RA_MANAGER.role) };
      const added = await addMember(ra, PO_TEAM, change("Covering"));
      expect(added.state).toBe("pending");
      expect(heard).toEqual([]);
      if (added.state !== "pending") return;
      // The reply lands on the inbound route (any instance); the operation the page polls confirms ...
      await expect
        .poll(async () => (await getOperationStatus({ sessionSub: RA_MANAGER.uid, spine: ra.spine }, added.operationId)).state, {
          timeout: 10_000,
        })
        .toBe("confirmed");
      const status = await getOperationStatus({ sessionSub: RA_MANAGER.uid, spine: ra.spine }, added.operationId);
      expect(workgroupChangeOf("add", status.result?.flag)).toBe("added");
      // ... and the database announced the change to every instance at that moment.
      await expect.poll(() => heard.map((c) => c.workgroupId)).toEqual([PO_TEAM]);
    } finally {
      await stop();
    }
  });

  it("failed like an LR update: Spine's refusal is the error, audited as failed", async () => {
    await armFault("REPC_IN130002UK01");
    const refused = await failure(addMember(as(RA_MANAGER), PO_TEAM, change("Refused by Spine")));
    expect(refused.code).toBe("spine_business_error");
    const failed = await sql<{ action: string }>`
      select action from audit_events where action = 'workgroup.add.failed' and details->>'reason' = 'Refused by Spine'`.execute(
      rig.store.db,
    );
    expect(failed.rows).toHaveLength(1);
  });

  it("refuses a workgroup of another organisation before anything is sent to Spine", async () => {
    const sent = async () => (await rig.messages({ interactionId: "REPC_IN130002UK01", direction: "inbound" })).length;
    const before = await sent();
    const refused = await failure(addMember(as(RA_MANAGER), GP_PARTNERS, change("Wrong trust")));
    expect(refused).toEqual({ code: "forbidden", message: "You can only add or remove members of your own organisation's workgroups." });
    expect(await sent()).toBe(before);
  });

  it("finds a user by id: the role profiles SDS holds for them and their name", async () => {
    const found = await lookUpUser(as(RA_MANAGER), NURSE.uid);
    expect(found.userName).toBe("Robin SYNTHNURSE");
    // Spine's SDS does not hold the nurse's community role (lib/personas: in_sds false).
    expect(found.roleProfiles.map((p) => [p.roleProfileId, p.organisationName])).toEqual([
      [NURSE.role, "SYNTHETIC HOSPITALS NHS TRUST (FAKE)"],
    ]);
  });

  it("the database announces a confirmed change; another instance's listener makes its cache forget the old members", async () => {
    const ra = as(RA_MANAGER);
    const heard: DirectoryChange[] = [];
    const stop = await rig.store.listen(DIRECTORY_CHANGED_CHANNEL, (payload) => {
      const parsed = parseDirectoryChange(payload);
      if (parsed) heard.push(parsed);
    });
    // "Another instance": its own directory cache, not reached by this instance's own forgetting.
    const other = simulatorDirectory();
    expect((await other.workgroup(PO_TEAM))?.members.some((m) => m.userId === NURSE.uid)).toBe(false);
    await addMember(ra, PO_TEAM, change("Covering"));
    // The trigger (migration 0005) raised it when the outbox row became confirmed.
    await expect.poll(() => heard.length).toBe(1);
    await stop();
    expect(heard[0]).toEqual({ workgroupId: PO_TEAM, memberUserId: NURSE.uid, memberRoleProfileId: NURSE.role });
    expect(
      (await other.workgroup(PO_TEAM))?.members.some((m) => m.userId === NURSE.uid),
      "still its cached answer",
    ).toBe(false);
    // That instance's process listens on the same store: the notification alone makes it forget.
    const unregister = onDirectoryChange((c) => other.forget(c));
    try {
      await listenForDirectoryChanges(rig.store);
      await rig.store.notify(DIRECTORY_CHANGED_CHANNEL, JSON.stringify(heard[0]));
      await expect.poll(async () => (await other.workgroup(PO_TEAM))?.members.some((m) => m.userId === NURSE.uid)).toBe(true);
    } finally {
      unregister();
    }
  });
});

describe("names, not ids", () => {
  it("the LR list names people and workgroups from the directory", async () => {
    const list = await listPatientLrs(as(GP), manyLrs);
    expect(list.namesUnavailable).toBeUndefined();
    const nurseRow = list.rows.find((row) => row.subject.userId === NURSE.uid);
    expect(nurseRow?.subject.label).toBe("Robin SYNTHNURSE");
    expect(list.rows.some((row) => row.subject.label.startsWith("User "))).toBe(false);
    expect(list.rows.some((row) => row.subject.label.includes("Name not available"))).toBe(false);
  });

  it("a directory outage: every person shows 'Name not available' with their id, and the list says why", async () => {
    setDirectory(simulatorDirectory("http://127.0.0.1:9/directory/FHIR/R4"));
    const list = await listPatientLrs(as(GP), manyLrs);
    expect(list.namesUnavailable).toBe(true);
    expect(NAMES_UNAVAILABLE_MESSAGE).toMatch(/could not be looked up in the NHS directory/);
    const nurseRow = list.rows.find((row) => row.subject.userId === NURSE.uid);
    expect(nurseRow?.subject.label).toBe(`Name not available (user ${NURSE.uid})`);
    // The list itself (from Spine) is still there in full.
    expect(list.rows.length).toBeGreaterThan(3);
  });

  it("a directory outage on the workgroup page: members not listed, the reason shown, and no change offered", async () => {
    setDirectory(simulatorDirectory("http://127.0.0.1:9/directory/FHIR/R4"));
    const details = await getWorkgroup(as(RA_MANAGER), ED_NURSES);
    expect(details.name).toBe("SYNTH ED NURSES");
    expect(details.members).toMatchObject({ state: "unavailable", problem: { code: "upstream_unavailable" } });
    expect(details.members.state === "unavailable" ? details.members.problem.message : "").toMatch(/SDS directory could not be read/);
    expect(details.mayManage).toBe(false);
    const refused = await failure(addMember(as(RA_MANAGER), ED_NURSES, change("During an outage")));
    expect(refused.code).toBe("upstream_unavailable");
    expect(refused.message).toMatch(/could not check which organisation this workgroup belongs to/);
  });
});

describe("a workgroup self-claim when SDS cannot say which workgroups the nurse is in", () => {
  it("says that SDS could not be asked — never 'you can only claim for your own workgroups' — and sends nothing", async () => {
    await armFault("QUPC_IN010102UK01");
    const claims = async () => (await rig.messages({ interactionId: "REPC_IN010000UK15", direction: "inbound" })).length;
    const before = await claims();
    const refused = await failure(
      selfClaimLr(as(NURSE), noLrs, {
        lrType: SELF_CLAIMED_LR_TYPE,
        accessReasonCode: "01",
        accessReasonText: "Seen in clinic",
        subject: { kind: "workgroup", workgroupId: ED_NURSES },
        idempotencyKey: crypto.randomUUID(),
      }),
    );
    expect(refused).toEqual({ code: "spine_unavailable", message: WORKGROUP_LOOKUP_FAILED });
    expect(refused.message).not.toMatch(/workgroup you belong to/);
    expect(await claims()).toBe(before);
    // The self-claim page gets the same failure to show, instead of silently offering no workgroup.
    const page = await myWorkgroupsForPage(as(NURSE));
    expect(page.workgroups).toEqual([]);
    expect(page.problem?.message).toBe(WORKGROUP_LOOKUP_FAILED);
  });
});
