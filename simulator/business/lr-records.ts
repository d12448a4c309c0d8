import type { Kysely } from "kysely";
import { nextLrStatus } from "@/lib/hl7";
import { lrIdForSequence } from "@/simulator/seed/lr-id";
import { nextCounterValue } from "@/simulator/store/counters";
import type { LegitimateRelationshipTable, LrStatus, SimulatorDatabase } from "@/simulator/store/schema";

export type NewLr = Omit<LegitimateRelationshipTable, "lr_id" | "created_seq" | "status" | "end_time">;

/** Allocates the next LR id and stores a new active LR. */
export async function insertLr(db: Kysely<SimulatorDatabase>, lr: NewLr): Promise<LegitimateRelationshipTable> {
  const sequence = await nextCounterValue(db, "lr");
  const row: LegitimateRelationshipTable = {
    ...lr,
    lr_id: lrIdForSequence(sequence),
    created_seq: sequence,
    status: "active",
    end_time: null,
  };
  await db.insertInto("legitimate_relationships").values(row).execute();
  return row;
}

export interface StatusChangeInput {
  lr: LegitimateRelationshipTable;
  scReasonCode: string;
  /** HL7 TS of the change. */
  at: string;
  author: { roleProfileId?: string; userId?: string; asid?: string };
}

/**
 * Applies one status change through the data-driven transition map; undefined means the map
 * does not allow it from the LR's current status (closed LRs allow nothing).
 */
export async function applyStatusChange(db: Kysely<SimulatorDatabase>, change: StatusChangeInput): Promise<LrStatus | undefined> {
  const next = nextLrStatus(change.lr.status, change.scReasonCode);
  if (next === undefined) return undefined;
  await db
    .updateTable("legitimate_relationships")
    .set({ status: next, end_time: next === "closed" ? change.at : null })
    .where("lr_id", "=", change.lr.lr_id)
    .execute();
  await db
    .insertInto("lr_status_changes")
    .values({
      lr_id: change.lr.lr_id,
      sc_reason_code: change.scReasonCode,
      from_status: change.lr.status,
      to_status: next,
      author_role_profile_id: change.author.roleProfileId ?? null,
      author_user_id: change.author.userId ?? null,
      author_asid: change.author.asid ?? null,
      changed_at: change.at,
    })
    .execute();
  return next;
}
