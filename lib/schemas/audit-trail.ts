import { z } from "zod";
import { AUDIT_ACTION_NAMES, type AuditAction, type AuditOutcome } from "./audit";
import { nhsNumberSchema } from "./params";

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

/** How many events a page shows; the first is the default. */
export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const satisfies readonly AuditOutcome[];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A GET form sends every field, empty ones as "": those mean "no filter". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
}

export const AUDIT_SEARCH_MESSAGES = {
  userId: "User ID must be 12 digits",
  action: "Choose an action from the list",
  outcome: "Choose an outcome from the list",
  from: "Date from must be a real date, for example 2026-11-27",
  to: "Date to must be a real date, for example 2026-11-27",
  range: "Date to must be the same as or after date from",
  cursor: "The page link is not valid: start again from the newest events",
  pageSize: "Choose how many events to show on a page",
} as const;

const cursor = z.coerce
  .number({ error: AUDIT_SEARCH_MESSAGES.cursor })
  .int(AUDIT_SEARCH_MESSAGES.cursor)
  .positive(AUDIT_SEARCH_MESSAGES.cursor);

/**
 * The audit trail's filters, shared by the page (its GET form), the search API and the CSV export.
 * Dates are whole days in UK time, both ends included. `before` / `after` are keyset cursors (an
 * event id): newest first, so `before` pages to older events and `after` back to newer ones.
 */
export const auditSearchQuery = z
  .object({
    nhsNumber: optional(nhsNumberSchema),
    userId: optional(
      z
        .string()
        .trim()
        .regex(/^\d{12}$/, AUDIT_SEARCH_MESSAGES.userId),
    ),
    action: optional(z.enum(AUDIT_ACTION_NAMES as [AuditAction, ...AuditAction[]], { error: AUDIT_SEARCH_MESSAGES.action })),
    outcome: optional(z.enum(AUDIT_OUTCOMES, { error: AUDIT_SEARCH_MESSAGES.outcome })),
    from: optional(z.string().trim().refine(isRealDate, AUDIT_SEARCH_MESSAGES.from)),
    to: optional(z.string().trim().refine(isRealDate, AUDIT_SEARCH_MESSAGES.to)),
    before: optional(cursor),
    after: optional(cursor),
    pageSize: optional(
      z.coerce.number().pipe(
        z.union(
          AUDIT_PAGE_SIZES.map((size) => z.literal(size)),
          { error: AUDIT_SEARCH_MESSAGES.pageSize },
        ),
      ),
    ),
  })
  .refine((query) => !(query.from && query.to && query.to < query.from), { path: ["to"], message: AUDIT_SEARCH_MESSAGES.range });

export type AuditSearchQuery = z.output<typeof auditSearchQuery>;
export type AuditSearchField = keyof z.input<typeof auditSearchQuery>;

/** One audit event as the viewer and the search API show it. */
export interface AuditTrailEvent {
  id: number;
  /** ISO instant. */
  at: string;
  actorSub: string | null;
  roleId: string | null;
  orgCode: string | null;
  action: string;
  nhsNumber: string | null;
  outcome: AuditOutcome;
  spineMessageId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditTrailPage {
  events: AuditTrailEvent[];
  /** Cursor for the next (older) page, when there is one. */
  olderBefore: number | null;
  /** Cursor for the previous (newer) page, when this is not the newest. */
  newerAfter: number | null;
  /** Whose events this viewer may see: one organisation's, or all. */
  scope: { kind: "organisation"; orgCode: string } | { kind: "all" };
}
