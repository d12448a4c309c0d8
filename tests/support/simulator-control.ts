import type { FaultSpec } from "@/simulator/faults/fault-spec";

/**
 * The Spine simulator's control API over HTTP (simulator/control/control-routes.ts), as the
 * proof suites use it: arm and clear faults, and read what Spine holds (LRs with their status
 * history, privacy-officer alerts) and what it received (the message log).
 */
export interface SimulatorLrRecord {
  lr_id: string;
  nhs_number: string;
  status: string;
  history: { change_id: number; reason_code: string }[];
}

export interface SimulatorLogEntry {
  direction: "inbound" | "outbound";
  interaction_id: string | null;
  message_id: string | null;
  ref_to_message_id: string | null;
  outcome: string;
}

export interface SimulatorControl {
  url: string;
  armFault(match: { nhsNumber?: string; interactionId?: string }, fault: FaultSpec, times?: number): Promise<number>;
  clearFaults(): Promise<void>;
  lrs(nhsNumber: string): Promise<SimulatorLrRecord[]>;
  spineAlerts(nhsNumber: string): Promise<{ message_id: string }[]>;
  /** The message log, oldest first. */
  messages(query?: { interactionId?: string; direction?: "inbound" | "outbound" }): Promise<SimulatorLogEntry[]>;
  /** How many times Spine received this MessageId (first send and every re-send). */
  receipts(messageId: string, interactionId: string): Promise<number>;
}

export function simulatorControl(url: string): SimulatorControl {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${url}/_control/${path}`, init);
    if (!response.ok) throw new Error(`simulator control ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const control: SimulatorControl = {
    url,
    async armFault(match, fault, times) {
      const body = JSON.stringify({ match, fault, ...(times ? { times } : {}) });
      return (await call<{ id: number }>("faults", { method: "POST", headers: { "content-type": "application/json" }, body })).id;
    },
    async clearFaults() {
      await call("faults", { method: "DELETE" });
    },
    async lrs(nhsNumber) {
      return (await call<{ lrs: SimulatorLrRecord[] }>(`lrs?nhsNumber=${nhsNumber}`)).lrs;
    },
    async spineAlerts(nhsNumber) {
      return (await call<{ alerts: { message_id: string }[] }>(`spine-alerts?nhsNumber=${nhsNumber}`)).alerts;
    },
    async messages(query = {}) {
      const params = new URLSearchParams({ limit: "1000", ...query });
      return (await call<{ messages: SimulatorLogEntry[] }>(`messages?${params}`)).messages.reverse();
    },
    async receipts(messageId, interactionId) {
      const log = await control.messages({ interactionId, direction: "inbound" });
      return log.filter((entry) => entry.message_id === messageId).length;
    },
  };
  return control;
}
