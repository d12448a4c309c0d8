import { defaultScenarioLrs } from "@/simulator/seed/default-scenario";
import type { SeedLr } from "@/simulator/seed/seed-lr";

/**
 * Named worlds the control API can load. Every scenario holds the same patients, personas and
 * workgroups; they differ in LRs. Add one by adding an entry here (docs/simulator.md).
 */
export interface Scenario {
  description: string;
  lrs: () => SeedLr[];
}

export const scenarios: Record<string, Scenario> = {
  default: {
    description: "Patients, personas, workgroups and LRs in every status (notable patients in data/notable-patients.json)",
    lrs: defaultScenarioLrs,
  },
  "no-lrs": {
    description: "Same patients, personas and workgroups, but no LRs at all",
    lrs: () => [],
  },
};

export function scenarioNames(): string[] {
  return Object.keys(scenarios);
}
