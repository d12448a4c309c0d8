/**
 * The audit trail viewer's API contract (app/(privacy-officer)/audit, app/api/audit/…): the
 * search filters, one page of events as the browser sees them, and the chain verification.
 */

/** The first row whose hash or link does not hold, and what differs. */
export interface BrokenAuditRow {
  id: number;
  /** As stored now (it may be the changed value). */
  at: string;
  action: string;
  /** "content": the row no longer matches its own hash; "link": it does not follow the row before it. */
  problems: readonly ("content" | "link")[];
  /** One sentence naming the row and what differs. */
  message: string;
  storedHash: string;
  recomputedHash: string;
  storedPrevHash: string;
  expectedPrevHash: string;
}

export type AuditChainVerification =
  | {
      ok: true;
      /** Rows checked: every row up to the newest when the check started. */
      rows: number;
      /** The last row checked and its hash (record it elsewhere to anchor the chain); null for an empty trail. */
      head: { id: number; hash: string } | null;
      checkedAt: string;
    }
  | {
      ok: false;
      /** Rows found sound before the broken one. */
      rows: number;
      broken: BrokenAuditRow;
      checkedAt: string;
    };
