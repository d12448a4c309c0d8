import { describe, expect, it } from "vitest";
import { asNhsNumber, type NhsNumber } from "@/lib/nhs/nhs-number";
import { confirmLr } from "@/server/lr/interactions/confirm-lr";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/interactions/get-patient-lrs";
import faultCatalogue from "@/simulator/data/faults.json";
import { personaContext, spineSimulatorRigForFile } from "@/tests/support/spine-simulator-rig";

/**
 * Every Spine failure class the simulator can produce reaches the BFF's callers as the right typed
 * error — for a sync query (confirm), an async-express query (details) and a reliable update
 * (create) — and never as a success.
 */
const GP = "900000000001";
const magic = (name: string): NhsNumber => {
  const entry = faultCatalogue.faults.find((f) => f.name === name);
  if (!entry) throw new Error(`no fault ${name} in simulator/data/faults.json`);
  return asNhsNumber(entry.nhsNumber);
};

const rig = spineSimulatorRigForFile({ startTimeoutMs: 120_000 });

const cases = [
  { fault: "rejected", code: "spine_rejected" },
  { fault: "businessError", code: "spine_business_error" },
  { fault: "soapFault200", code: "spine_unavailable" },
] as const;

describe.each(cases)("fault $fault", ({ fault, code }) => {
  it(`confirm query (sync) → ${code}`, async () => {
    const run = rig.runtime("direct");
    await expect(confirmLr(personaContext(GP, run.rt), { nhsNumber: magic(fault) })).rejects.toMatchObject({ code });
  });
  it(`details query (async express) → ${code}`, async () => {
    const run = rig.runtime("direct");
    const error = await getPatientLrs(personaContext(GP, run.rt), { nhsNumber: magic(fault), detail: "simple" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as { reference?: string }).reference).toMatch(/^[0-9A-F-]{36}$/);
  });
  it(`create LR (reliable update) → ${code}, never confirmed`, async () => {
    const run = rig.runtime("direct", { asyncWaitMs: 5_000 });
    const outcome = await createLegitimateRelationship(personaContext(GP, run.rt), {
      nhsNumber: magic(fault),
      lrType: "08",
      accessReason: { text: "Seen in clinic" },
    }).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code });
    expect(await rig.lrs(magic(fault))).toEqual([]);
  });
});

it("no reply to a query → spine_timeout", async () => {
  const run = rig.runtime("direct", { timeScale: 0.05 });
  await expect(getPatientLrs(personaContext(GP, run.rt), { nhsNumber: magic("noReply"), detail: "simple" })).rejects.toMatchObject({
    code: "spine_timeout",
  });
}, 60_000);
