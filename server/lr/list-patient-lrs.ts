import "server-only";
import type { PatientLrList } from "@/lib/ui/lr-rows";
import { getPatientLrs, type LrContext } from "@/server/lr";
import { type Clinician, can } from "./clinician";
import { rowFromComplete, rowFromSimple } from "./lr-rows-from-spine";
import { myWorkgroups } from "./my-workgroups";

/**
 * The patient's LRs from the details query: the complete list (status, author, history) for roles
 * with lr.viewComplete, the simple list for everyone else. An emergency read passes its
 * DissentOverride code; the caller audits it.
 */
export async function getPatientLrList(
  clinician: Clinician,
  ctx: LrContext,
  input: { nhsNumber: string; dissentOverride?: string },
): Promise<PatientLrList> {
  const detail = can(clinician, "lr.viewComplete") ? "comprehensive" : "simple";
  const [result, workgroups] = await Promise.all([
    getPatientLrs(ctx, {
      nhsNumber: input.nhsNumber,
      detail,
      ...(input.dissentOverride ? { dissentOverride: input.dissentOverride } : {}),
    }),
    myWorkgroups(ctx),
  ]);
  const viewer = { roleProfileId: clinician.roleProfileId, workgroupIds: workgroups.map((w) => w.workgroupId) };
  const rows =
    result.detail === "comprehensive"
      ? result.entries.map((entry) => rowFromComplete(entry, viewer))
      : result.entries.map((entry) => rowFromSimple(entry, viewer));
  return { nhsNumber: result.nhsNumber, detail: result.detail, rows, reference: result.messageId };
}
