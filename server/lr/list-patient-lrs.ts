import "server-only";
import type { ListSubject } from "@/lib/hl7";
import type { NhsNumber } from "@/lib/nhs/nhs-number";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import type { PatientLrList } from "@/lib/schemas/patient-lrs";
import { directoryFor } from "@/server/directory/directory";
import { auditedQuery } from "./audited-query";
import { getPatientLrs } from "./interactions/get-patient-lrs";
import { ctxCan, type LrContext } from "./lr-context";
import { idsToName, rowFromComplete, rowFromSimple } from "./lr-rows-from-spine";
import { myWorkgroups } from "./my-workgroups";
import { mayChangeStatus } from "./status-change-scope";

/** Whether to offer "Change status" on a row: the server's own rule; if it cannot be checked now, not offered (the server still decides on submit). */
async function offerStatusChange(ctx: LrContext, subject: ListSubject): Promise<boolean> {
  if (!ctxCan(ctx, "lr.changeStatus")) return false;
  try {
    return await mayChangeStatus(ctx, subject);
  } catch (error) {
    ctx.log.warn({ err: error }, "could not decide whether to offer a status change");
    return false;
  }
}

/** Names for the list's people (SDS directory) and unnamed workgroups (Spine's workgroup query); a failed look-up is reported, not thrown. */
async function namesFor(ctx: LrContext, ids: { userIds: string[]; workgroupIds: string[] }) {
  const directory = await directoryFor(ctx);
  const [users, workgroups] = await Promise.all([
    ids.userIds.length ? directory.userNames(ids.userIds) : { names: new Map<string, string>(), failed: false },
    ids.workgroupIds.length ? directory.workgroupNames(ctx, ids.workgroupIds) : { names: new Map<string, string>(), failed: false },
  ]);
  if (users.failed) ctx.log.warn("could not look up people's names in the SDS directory");
  return { users: users.names, workgroups: workgroups.names, failed: users.failed || workgroups.failed };
}

/**
 * The patient's LRs from the details query: the complete list (status, author, history) for roles
 * with lr.viewComplete, the simple list for everyone else, with people and workgroups named from the
 * directory ("Name not available" and `namesUnavailable` when it cannot answer). Audited as one details query, or — with
 * a DissentOverride reason — as one emergency access with the reason the user gave.
 */
export async function listPatientLrs(
  ctx: LrContext,
  nhsNumber: NhsNumber,
  emergency?: { dissentOverride: string; reasonText: string },
): Promise<PatientLrList> {
  const detail = ctxCan(ctx, "lr.viewComplete") ? "comprehensive" : "simple";
  const event = emergency
    ? {
        action: AUDIT_ACTIONS.emergencyAccess,
        nhsNumber,
        details: { dissentOverride: emergency.dissentOverride, reasonText: emergency.reasonText },
      }
    : { action: AUDIT_ACTIONS.detailsQuery, nhsNumber, details: { detail } };
  return auditedQuery(
    ctx,
    event,
    async () => {
      const [result, workgroups] = await Promise.all([
        getPatientLrs(ctx, { nhsNumber, detail, ...(emergency ? { dissentOverride: emergency.dissentOverride } : {}) }),
        myWorkgroups(ctx),
      ]);
      const names = await namesFor(ctx, idsToName(result.entries));
      const viewer = {
        roleProfileId: ctx.roleProfileId,
        workgroupIds: workgroups.map((w) => w.workgroupId),
        names: { users: names.users, workgroups: names.workgroups },
      };
      const rows =
        result.detail === "comprehensive"
          ? await Promise.all(
              result.entries.map(async (entry) => ({
                ...rowFromComplete(entry, viewer),
                mayChangeStatus: await offerStatusChange(ctx, entry.subject),
              })),
            )
          : result.entries.map((entry) => rowFromSimple(entry, viewer));
      return {
        nhsNumber: result.nhsNumber,
        detail: result.detail,
        rows,
        reference: result.messageId,
        ...(names.failed ? { namesUnavailable: true } : {}),
      };
    },
    (list) => list.reference,
  );
}
