import "server-only";
import type { OutboxState } from "./schema";

/** NOTIFY channel raised by the outbox trigger on insert and on every state change. */
export const OUTBOX_CHANGED_CHANNEL = "outbox_changed";

/** The payload of an outbox_changed notification (JSON text). */
export interface OutboxChange {
  messageId: string;
  state: OutboxState;
}

export function parseOutboxChange(payload: string): OutboxChange {
  return JSON.parse(payload) as OutboxChange;
}
