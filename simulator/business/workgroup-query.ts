import type { WorkgroupQuery } from "@/lib/hl7";
import { type BusinessContext, type BusinessOutcome, businessError, reply } from "@/simulator/business/business-context";

/** QUPC_IN041234UK01 → REPC_IN130007UK01: type, name and status of each known workgroup asked about. */
export async function workgroupQuery(context: BusinessContext, query: WorkgroupQuery): Promise<BusinessOutcome> {
  const rows = query.workgroupIds.length
    ? await context.db.selectFrom("workgroups").selectAll().where("workgroup_id", "in", query.workgroupIds).execute()
    : [];
  if (rows.length === 0) return businessError("workgroupNotFound", `none of ${query.workgroupIds.join(", ")} is in SDS`);
  const ordered = query.workgroupIds.flatMap((id) => rows.filter((row) => row.workgroup_id === id));
  return reply("REPC_IN130007UK01", {
    workgroups: ordered.map((row) => ({ type: row.type_code, workgroupId: row.workgroup_id, name: row.name, status: row.status_code })),
  });
}
