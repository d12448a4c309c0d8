import type { LrStatus } from "@/lib/hl7/vocab/lr-status";

/**
 * The LR list as the pages show it: one row per LR, already translated from HL7 (codes → names,
 * subjects → "You" / workgroup name). Built on the server (server/lr/lr-rows-from-spine.ts),
 * sorted and filtered in the browser.
 */
export interface LrRow {
  lrId: string;
  typeCode: string;
  typeName: string;
  /** Only the complete (comprehensive) list carries a status. */
  status?: LrStatus;
  /** `mine`: held by the viewer directly ("me") or by one of the viewer's workgroups. */
  subject: {
    kind: "me" | "user" | "workgroup" | "other";
    /** The person's or workgroup's name from the directory, or "Name not available (…)" with the id. */
    label: string;
    mine: boolean;
    workgroupName?: string;
    /** The ids behind the label (shown beside it). */
    userId?: string;
    workgroupId?: string;
  };
  /** ISO date (yyyy-mm-dd). */
  startDate?: string;
  endDate?: string;
  /** Complete list only. */
  author?: string;
  lastChange?: { reason: string; by: string };
  /** Complete list only: whether the viewer may change this LR's status (the server's scope rule). */
  mayChangeStatus?: boolean;
  accessReason?: string;
}

export interface PatientLrList {
  nhsNumber: string;
  detail: "simple" | "comprehensive";
  rows: LrRow[];
  /** Spine message id of the details query. */
  reference: string;
  /** Some names could not be looked up (directory or Spine unavailable): the page says so. */
  namesUnavailable?: boolean;
}

/** "Your relationship with this patient": the confirm query's answer and how the user holds it. */
export interface PatientRelationship {
  nhsNumber: string;
  hasLr: boolean;
  reference: string;
}
