import { z } from "zod";
import { nhsNumberSchema } from "./params";

/**
 * The privacy officer's alert queue and alert page: request schemas and wire types. Statuses follow
 * Spine's Alert Viewer (new, open, under investigation, closed); alert types are the two the LR
 * service raises (docs/domain.md §10).
 */
export const ALERT_STATUSES = ["new", "open", "investigating", "closed"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_STATUS_NAMES: Record<AlertStatus, string> = {
  new: "New",
  open: "Open",
  investigating: "Under investigation",
  closed: "Closed",
};

/** What a privacy officer may set an alert to (a new alert becomes open when someone acts on it). */
export const SETTABLE_STATUSES = ["open", "investigating", "closed"] as const;

/** The two kinds of alert, and which activity (permission) receives each. */
export const ALERT_KINDS = ["selfClaim", "access"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const PAGE_SIZES = [10, 25, 50] as const;
export const ALERT_SORTS = ["raisedAt", "status", "type", "user"] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a real date");

export const alertQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  user: z
    .string()
    .regex(/^\d{1,12}$/, "Enter a user ID of up to 12 digits")
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sampled: z.enum(["yes"]).optional(),
  sort: z.enum(ALERT_SORTS).default("raisedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), "Choose 10, 25 or 50 per page")
    .default(10),
});
export type AlertQuery = z.output<typeof alertQuery>;

export const alertParams = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/, "There is no alert with this reference.")
    .transform((id) => id.toUpperCase()),
});

export const NOTE_MAX = 1000;
const note = (empty: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(NOTE_MAX, `Note must be ${NOTE_MAX} characters or fewer`);

export const addNoteInput = z.object({ note: note("Enter a note") });

export const setStatusInput = z
  .object({
    status: z.enum(SETTABLE_STATUSES, { error: "Select a status" }),
    note: z.string().trim().max(NOTE_MAX, `Note must be ${NOTE_MAX} characters or fewer`).optional(),
  })
  .refine((input) => input.status !== "closed" || (input.note ?? "").length > 0, {
    path: ["note"],
    message: "Enter a note to close the alert",
  });
export type SetStatusInput = z.output<typeof setStatusInput>;

export const sampleInput = z
  .object({
    percentage: z.coerce
      .number({ error: "Enter a percentage" })
      .int("Enter a whole number")
      .min(1, "Enter at least 1")
      .max(100, "Enter 100 or less"),
    from: isoDate,
    to: isoDate,
    /** Reproducible draws: the same seed over the same alerts draws the same sample. Default: a new random seed. */
    seed: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "The seed can only contain letters, numbers and hyphens")
      .optional(),
  })
  .refine((input) => input.from <= input.to, { path: ["to"], message: "The end date must be the same as or after the start date" });
export type SampleInput = z.output<typeof sampleInput>;

/** Whether Spine has the alert: confirmed, still being sent (or re-sent), or the send failed (kept here, re-sent on request). */
export type AlertSendState = "sent" | "queued" | "failed";

export interface AlertActor {
  userId: string;
  roleProfileId: string;
  name?: string;
  roleName?: string;
  orgCode: string;
  orgName?: string;
}

export interface AlertSummary {
  id: string;
  kind: AlertKind;
  typeName: string;
  status: AlertStatus;
  raisedAt: string;
  nhsNumber: string;
  actor: AlertActor;
  reasonName: string;
  sendState: AlertSendState;
  sampled: boolean;
}

export interface AlertCounts {
  byStatus: Record<AlertStatus, number>;
}

export interface AlertPage {
  alerts: AlertSummary[];
  counts: AlertCounts;
  total: number;
  page: number;
  pageSize: number;
}

export interface AlertEvent {
  id: number;
  at: string;
  by: { userId: string; name?: string };
  kind: "note" | "status" | "sampled";
  fromStatus?: AlertStatus;
  toStatus?: AlertStatus;
  note?: string;
}

export interface AlertDetail extends AlertSummary {
  reasonText?: string;
  lrId?: string;
  /** The Spine message of the action that raised the alert (the LR create or the emergency query). */
  sourceMessageId?: string;
  /** The alert's own Spine message (COMT_IN000001UK01). */
  spineMessageId?: string;
  sendError?: string;
  events: AlertEvent[];
  /** Four-eyes: false when the viewer caused the alert (they may read it, never change it). */
  canAct: boolean;
}

export const patientReviewParams = z.object({ nhsNumber: nhsNumberSchema });
