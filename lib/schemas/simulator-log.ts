/**
 * One row of the Spine simulator's wire log as its loopback control API returns it
 * (GET /_control/messages): every message it received or sent, with the raw body. Read by the
 * trainer's message viewer and by the test rigs; the simulator's own table adds sender_asid.
 */
export interface SimulatorLogEntry {
  log_id: number;
  logged_at: string;
  direction: "inbound" | "outbound";
  transport: string;
  interaction_id: string | null;
  message_id: string | null;
  ref_to_message_id: string | null;
  http_status: number | null;
  outcome: string;
  body: string;
}
