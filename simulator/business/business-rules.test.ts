import { describe, expect, it } from "vitest";
import { IDENTIFIED_WORKGROUPS_ONLY_DEFAULT, spineError } from "@/lib/hl7";
import notable from "@/simulator/data/notable-patients.json";
import { exchange, issueTexts, payloadOf } from "@/simulator/test-support/exchange";
import { CLERK, createLrPayload, GP, hl7Request, NURSE } from "@/simulator/test-support/spine-requests";
import { testRigForFile } from "@/simulator/test-support/test-simulator";

const rig = testRigForFile({ resetBetweenTests: true });

const patient = (key: string) => {
  const found = notable.patients.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found.nhsNumber;
};
const errorText = (key: Parameters<typeof spineError>[0]) => spineError(key).text;

async function createLr(nhsNumber: string, overrides: Parameters<typeof createLrPayload>[1] = {}) {
  return exchange(rig, hl7Request("REPC_IN010000UK15", createLrPayload(nhsNumber, overrides)));
}
async function changeStatus(nhsNumber: string, lrId: string, reasonCode: string) {
  return exchange(
    rig,
    hl7Request("REPC_IN040000UK15", {
      nhsNumber,
      lrId,
      reasonCode,
      author: { kind: "user", roleProfileId: NURSE.roleProfileId, userId: NURSE.userId },
    }),
  );
}
async function details(nhsNumber: string, responseType: "01" | "02", timePeriod?: { start: string; end?: string }) {
  return exchange(
    rig,
    hl7Request("QUPC_IN020000UK17", { nhsNumber, responseType, dissentOverride: "0", ...(timePeriod ? { timePeriod } : {}) }),
  );
}
async function confirm(
  nhsNumber: string,
  who: { roleProfileId: string; userId: string },
  workgroupIds: string[] = [],
  responseType = "01",
) {
  return exchange(rig, hl7Request("QUPC_IN010000UK32", { nhsNumber, responseType, parameterList: { ...who, workgroupIds } }));
}
async function lrIdOf(nhsNumber: string, status: string) {
  const list = payloadOf(await details(nhsNumber, "02"), "QUPC_IN070000UK32");
  const entry = list.entries.find((candidate) => candidate.code.code === status);
  if (!entry) throw new Error(`no ${status} LR for ${nhsNumber}`);
  return entry.lrId;
}

describe("create LR (REPC_IN010000UK15)", () => {
  it("creates an active LR, lists it, and records the self-claim alert", async () => {
    const lrId = payloadOf(await createLr(patient("noLrs")), "REPC_IN020000UK13").lrId;
    expect(lrId).toMatch(/^[A-Z0-9]{1,20}$/);
    const list = payloadOf(await details(patient("noLrs"), "02"), "QUPC_IN070000UK32");
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({ lrId, code: { code: "active" }, reasonCode: { code: "08" } });
    const alerts = await rig.simulator.context.db
      .selectFrom("legitimate_relationships")
      .select("lr_id")
      .where("alert_requested", "=", true)
      .execute();
    expect(alerts.map((row) => row.lr_id)).toContain(lrId);
  });

  it("returns the existing id for an identical active LR instead of creating another", async () => {
    const first = payloadOf(await createLr(patient("noLrs")), "REPC_IN020000UK13").lrId;
    const second = payloadOf(await createLr(patient("noLrs")), "REPC_IN020000UK13").lrId;
    expect(second).toBe(first);
    expect(payloadOf(await details(patient("noLrs"), "02"), "QUPC_IN070000UK32").entries).toHaveLength(1);
  });

  it("answers an identical active LR with an AE when configured strict", async () => {
    await createLr(patient("noLrs"));
    rig.simulator.context.config.businessRules.identicalActiveLrReturnsExisting = false;
    try {
      const reply = await createLr(patient("noLrs"));
      expect(reply.interactionId).toBe("MCCI_IN010000UK13");
      expect(issueTexts(reply)).toEqual([errorText("lrAlreadyExists")]);
    } finally {
      rig.simulator.context.config.businessRules.identicalActiveLrReturnsExisting = true;
    }
  });

  it("creates an LR for a workgroup subject", async () => {
    const reply = await createLr(patient("noLrs"), { lrType: "06", subject: { kind: "workgroup", workgroupId: "900000000503" } });
    const lrId = payloadOf(reply, "REPC_IN020000UK13").lrId;
    const entry = payloadOf(await details(patient("noLrs"), "02"), "QUPC_IN070000UK32").entries[0];
    expect(entry).toMatchObject({ lrId, subject: { kind: "workgroup", workgroupId: "900000000503", workgroupName: "SYNTH GP PARTNERS" } });
  });

  it("refuses an NHS number with a bad check digit (AE, MCCI_IN010000UK13)", async () => {
    const reply = await createLr(patient("invalidCheckDigit"));
    expect(reply.header.acknowledgement.typeCode).toBe("AE");
    expect(issueTexts(reply)).toEqual([errorText("invalidNhsNumber")]);
  });

  it("refuses a patient PDS does not know", async () => {
    const reply = await createLr(patient("notInPds"));
    expect(reply.header.issues[0]).toMatchObject({ code: "1", displayName: errorText("patientNotFound"), qualifier: "ER" });
  });

  it("refuses a subject role profile that is not in SDS", async () => {
    const reply = await createLr(patient("noLrs"), { subject: { kind: "user", roleProfileId: "900000009999", userId: NURSE.userId } });
    expect(issueTexts(reply)).toEqual([errorText("userNotFound")]);
  });

  it("refuses a workgroup that is not in SDS", async () => {
    const reply = await createLr(patient("noLrs"), { subject: { kind: "workgroup", workgroupId: "900000009999" } });
    expect(issueTexts(reply)).toEqual([errorText("workgroupNotFound")]);
  });
});

describe("change LR status (REPC_IN040000UK15)", () => {
  it("freezes an active LR and re-activates it, following the transition map", async () => {
    const lrId = payloadOf(await createLr(patient("noLrs")), "REPC_IN020000UK13").lrId;
    expect(payloadOf(await changeStatus(patient("noLrs"), lrId, "04"), "REPC_IN050000UK13").lrId).toBe(lrId);
    let entry = payloadOf(await details(patient("noLrs"), "02"), "QUPC_IN070000UK32").entries[0];
    expect(entry).toMatchObject({ code: { code: "frozen" }, statusChange: { reasonCode: { code: "04" } } });
    await changeStatus(patient("noLrs"), lrId, "08");
    entry = payloadOf(await details(patient("noLrs"), "02"), "QUPC_IN070000UK32").entries[0];
    expect(entry?.code.code).toBe("active");
  });

  it("closes an LR, after which every change is a business error", async () => {
    const lrId = payloadOf(await createLr(patient("noLrs")), "REPC_IN020000UK13").lrId;
    payloadOf(await changeStatus(patient("noLrs"), lrId, "06"), "REPC_IN050000UK13");
    const reply = await changeStatus(patient("noLrs"), lrId, "08");
    expect(reply.interactionId).toBe("MCCI_IN010000UK13");
    expect(issueTexts(reply)).toEqual([errorText("lrAlreadyClosed")]);
  });

  it("refuses a reason the map does not allow from the current status", async () => {
    const frozen = await lrIdOf(patient("frozenOnly"), "frozen");
    expect(issueTexts(await changeStatus(patient("frozenOnly"), frozen, "04"))).toEqual([errorText("lrTransitionNotAllowed")]);
  });

  it("refuses an unknown LR id", async () => {
    expect(issueTexts(await changeStatus(patient("gpActive"), "LRDOESNOTEXIST000001", "06"))).toEqual([errorText("lrNotFound")]);
  });

  it("refuses another patient's LR", async () => {
    const otherPatientsLr = await lrIdOf(patient("gpActive"), "active");
    expect(issueTexts(await changeStatus(patient("noLrs"), otherPatientsLr, "06"))).toEqual([errorText("lrPatientMismatch")]);
  });
});

describe("confirm LR query (QUPC_IN010000UK32)", () => {
  it("answers true for a direct active LR and false for a user without one", async () => {
    expect(payloadOf(await confirm(patient("gpActive"), GP), "QUPC_IN030000UK14").lrExists).toBe(true);
    expect(payloadOf(await confirm(patient("gpActive"), NURSE), "QUPC_IN030000UK14").lrExists).toBe(false);
  });

  it("answers true through the user's SDS workgroup membership", async () => {
    expect(payloadOf(await confirm(patient("workgroupOnly"), NURSE), "QUPC_IN030000UK14").lrExists).toBe(true);
  });

  it("answers true through a workgroup named in the parameter list", async () => {
    expect(payloadOf(await confirm(patient("workgroupOnly"), GP), "QUPC_IN030000UK14").lrExists).toBe(false);
    expect(payloadOf(await confirm(patient("workgroupOnly"), GP, ["900000000501"]), "QUPC_IN030000UK14").lrExists).toBe(true);
  });

  it("confirms for the ControlActEvent author when there is no parameter list", async () => {
    const reply = await exchange(
      rig,
      hl7Request("QUPC_IN010000UK32", { nhsNumber: patient("gpActive"), responseType: "01" }, { author: GP }),
    );
    expect(payloadOf(reply, "QUPC_IN030000UK14").lrExists).toBe(true);
  });

  it("answers a historic query about a frozen LR with false plus the LR's type and time", async () => {
    const reply = await confirm(patient("frozenOnly"), NURSE, [], "02");
    expect(payloadOf(reply, "QUPC_IN040000UK30")).toMatchObject({ lrExists: false, code: { code: "06" } });
  });

  it("answers an unknown patient with QUQI_IN010000UK14 AE", async () => {
    const reply = await confirm(patient("notInPds"), GP);
    expect(reply.interactionId).toBe("QUQI_IN010000UK14");
    expect(reply.header.queryResponseCode).toBe("ID");
    expect(issueTexts(reply)).toEqual([errorText("patientNotFound")]);
  });
});

describe("LR details query (QUPC_IN020000UK17)", () => {
  it("lists every LR with history in the complete list, and only current ones in the simple list", async () => {
    const complete = payloadOf(await details(patient("manyLrs"), "02"), "QUPC_IN070000UK32").entries;
    expect(new Set(complete.map((entry) => entry.code.code))).toEqual(new Set(["active", "frozen", "closed"]));
    expect(complete.some((entry) => entry.statusChange !== undefined)).toBe(true);
    const simple = payloadOf(await details(patient("manyLrs"), "01"), "QUPC_IN060000UK32").entries;
    const closed = complete.filter((entry) => entry.code.code === "closed").map((entry) => entry.lrId);
    expect(simple.length).toBe(complete.length - closed.length);
    expect(simple.some((entry) => closed.includes(entry.lrId))).toBe(false);
  });

  it("filters by time.Period", async () => {
    const all = payloadOf(await details(patient("manyLrs"), "02"), "QUPC_IN070000UK32").entries;
    const in2024 = payloadOf(
      await details(patient("manyLrs"), "02", { start: "20240101000000", end: "20241231235959" }),
      "QUPC_IN070000UK32",
    ).entries;
    expect(in2024.length).toBeGreaterThan(0);
    expect(in2024.length).toBeLessThan(all.length);
    for (const entry of in2024) {
      expect((entry.effectiveTime?.low ?? "") <= "20241231235959").toBe(true);
      expect((entry.effectiveTime?.high ?? "99999999999999") >= "20240101000000").toBe(true);
    }
  });

  it("returns an empty list for a patient with no LRs", async () => {
    expect(payloadOf(await details(patient("noLrs"), "01"), "QUPC_IN060000UK32").entries).toEqual([]);
  });
});

describe("batch confirm query (QUPC_IN090000UK03)", () => {
  it("answers each patient, with a per-patient issue for bad or unknown NHS numbers", async () => {
    const nhsNumbers = [patient("gpActive"), patient("noLrs"), patient("invalidCheckDigit"), patient("notInPds")];
    const reply = await exchange(
      rig,
      hl7Request("QUPC_IN090000UK03", {
        nhsNumbers,
        parameterList: { userId: GP.userId, roleProfileId: GP.roleProfileId, workgroupIds: [] },
      }),
    );
    expect(payloadOf(reply, "QUPC_IN250000UK02").results).toEqual([
      { kind: "status", nhsNumber: patient("gpActive"), hasLr: true },
      { kind: "status", nhsNumber: patient("noLrs"), hasLr: false },
      {
        kind: "issue",
        nhsNumber: patient("invalidCheckDigit"),
        issue: expect.objectContaining({ displayName: errorText("invalidNhsNumber") }),
      },
      { kind: "issue", nhsNumber: patient("notInPds"), issue: expect.objectContaining({ displayName: errorText("patientNotFound") }) },
    ]);
  });
});

describe("SDS queries and workgroup membership", () => {
  it("lists a user's role profiles with organisation, job role and workgroups, filterable by organisation", async () => {
    const all = payloadOf(await exchange(rig, hl7Request("QUPC_IN010102UK01", { userId: "900000000007" })), "QUPC_IN010103UK01");
    expect(all.roleProfiles).toHaveLength(7);
    const atHospital = payloadOf(
      await exchange(rig, hl7Request("QUPC_IN010102UK01", { userId: "900000000007", organizationCode: "ZZH" })),
      "QUPC_IN010103UK01",
    );
    expect(atHospital.roleProfiles).toEqual([
      expect.objectContaining({
        roleProfileId: "900000000705",
        organizationId: "ZZH",
        workgroups: [expect.objectContaining({ workgroupId: "900000000501" })],
      }),
    ]);
  });

  it("refuses a role-profile query for an unknown user", async () => {
    const reply = await exchange(rig, hl7Request("QUPC_IN010102UK01", { userId: "900000009999" }));
    expect(issueTexts(reply)).toEqual([errorText("userNotFound")]);
  });

  it("describes known workgroups and refuses a query naming only unknown ones", async () => {
    const reply = await exchange(rig, hl7Request("QUPC_IN041234UK01", { workgroupIds: ["900000000502", "900000009999"] }));
    expect(payloadOf(reply, "REPC_IN130007UK01").workgroups).toEqual([
      { type: "01", workgroupId: "900000000502", name: "SYNTH PO TEAM", status: "01" },
    ]);
    const unknown = await exchange(rig, hl7Request("QUPC_IN041234UK01", { workgroupIds: ["900000009999"] }));
    expect(issueTexts(unknown)).toEqual([errorText("workgroupNotFound")]);
  });

  it("adds a member (alreadyAMember false, then true) and the membership counts for confirm queries", async () => {
    const membership = {
      code: { code: "01" },
      roleProfileId: GP.roleProfileId,
      userId: GP.userId,
      workgroupId: "900000000501",
      originatingRoleProfileId: "900000000401",
      identifiedWorkgroupsOnly: IDENTIFIED_WORKGROUPS_ONLY_DEFAULT,
    };
    const added = payloadOf(await exchange(rig, hl7Request("REPC_IN130002UK01", membership)), "REPC_IN130003UK01");
    expect(added.flag?.value).toBe(false);
    expect(payloadOf(await confirm(patient("workgroupOnly"), GP), "QUPC_IN030000UK14").lrExists).toBe(true);
    const again = payloadOf(await exchange(rig, hl7Request("REPC_IN130002UK01", membership)), "REPC_IN130003UK01");
    expect(again.flag?.value).toBe(true);
  });

  it("removes a member (wasNotAMember false, then true)", async () => {
    const membership = {
      code: { code: "01" },
      roleProfileId: NURSE.roleProfileId,
      userId: NURSE.userId,
      workgroupId: "900000000501",
      originatingRoleProfileId: "900000000401",
      identifiedWorkgroupsOnly: IDENTIFIED_WORKGROUPS_ONLY_DEFAULT,
    };
    expect(payloadOf(await exchange(rig, hl7Request("REPC_IN130004UK01", membership)), "REPC_IN130005UK01").flag?.value).toBe(false);
    expect(payloadOf(await confirm(patient("workgroupOnly"), NURSE), "QUPC_IN030000UK14").lrExists).toBe(false);
    expect(payloadOf(await exchange(rig, hl7Request("REPC_IN130004UK01", membership)), "REPC_IN130005UK01").flag?.value).toBe(true);
  });

  it("refuses membership changes for an unknown workgroup or a role profile of another user", async () => {
    const base = {
      code: { code: "01" },
      roleProfileId: CLERK.roleProfileId,
      userId: CLERK.userId,
      workgroupId: "900000009999",
      originatingRoleProfileId: "900000000401",
      identifiedWorkgroupsOnly: IDENTIFIED_WORKGROUPS_ONLY_DEFAULT,
    };
    expect(issueTexts(await exchange(rig, hl7Request("REPC_IN130002UK01", base)))).toEqual([errorText("workgroupNotFound")]);
    const wrongUser = { ...base, workgroupId: "900000000501", userId: GP.userId };
    expect(issueTexts(await exchange(rig, hl7Request("REPC_IN130002UK01", wrongUser)))).toEqual([errorText("userNotFound")]);
  });
});
