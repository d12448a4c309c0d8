import type { AuditAction } from "@/lib/schemas/audit";
import type { TrainingFault } from "./training-faults";

/**
 * The trainer console's scenarios (issue 15), as data. Each one sets the training world to a known
 * start: the Spine simulator's world (simulator/seed/scenarios.ts), whether the privacy-officer
 * alert backlog is seeded, the faults switched on, and a short guided demo whose steps tick
 * themselves off from the audit trail as trainees do them. Add a scenario by adding an entry here.
 */
export interface DemoStep {
  text: string;
  /** The audit event that shows the step was done (after the scenario was loaded). */
  doneWhen: {
    action: AuditAction;
    /** A persona's CIS2 user id (lib/personas/personas.json). */
    actor?: string;
    nhsNumber?: string;
    outcome?: "success" | "failure" | "denied";
  };
}

export interface TrainingScenario {
  id: string;
  name: string;
  description: string;
  /** The simulator world to load (a key of simulator/seed/scenarios.ts). */
  simulatorScenario: string;
  alertBacklog: boolean;
  faults: readonly TrainingFault[];
  steps: readonly DemoStep[];
}

export const PERSONAS = {
  gp: "900000000001",
  nurse: "900000000002",
  privacyOfficer: "900000000003",
  trainer: "900000000008",
} as const;

export const TRAINING_SCENARIOS: readonly TrainingScenario[] = [
  {
    id: "clinic-morning",
    name: "Clinic morning",
    description: "A normal morning: Spine answers quickly, the patients have their usual relationships and the alert queue is empty.",
    simulatorScenario: "default",
    alertBacklog: false,
    faults: [],
    steps: [
      { text: "Sign in as the hospital nurse (Robin SYNTHNURSE)", doneWhen: { action: "auth.sign-in", actor: PERSONAS.nurse } },
      {
        text: "Self-claim a relationship with patient 999 001 0013 (no relationships yet)",
        doneWhen: { action: "lr.create.confirmed", actor: PERSONAS.nurse, nhsNumber: "9990010013" },
      },
      { text: "Sign in as the privacy officer", doneWhen: { action: "auth.sign-in", actor: PERSONAS.privacyOfficer } },
      {
        text: "Open the alert the self-claim raised and add a note",
        doneWhen: { action: "alert.changed", actor: PERSONAS.privacyOfficer, nhsNumber: "9990010013" },
      },
    ],
  },
  {
    id: "privacy-officer-backlog",
    name: "Privacy-officer backlog",
    description:
      "The alert queue holds a backlog of self-claim and emergency-access alerts across two organisations, in every status, including one the privacy officer caused.",
    simulatorScenario: "default",
    alertBacklog: true,
    faults: [],
    steps: [
      { text: "Sign in as the privacy officer", doneWhen: { action: "auth.sign-in", actor: PERSONAS.privacyOfficer } },
      {
        text: "Work through the queue: add a note or change the status of an alert",
        doneWhen: { action: "alert.changed", actor: PERSONAS.privacyOfficer },
      },
      { text: "Search the audit trail for what happened", doneWhen: { action: "audit.searched", actor: PERSONAS.privacyOfficer } },
    ],
  },
  {
    id: "spine-degraded",
    name: "Spine degraded",
    description:
      "Spine stops answering: requests time out until the trainer switches the fault off. Shows that nothing is recorded until Spine confirms it.",
    simulatorScenario: "default",
    alertBacklog: false,
    faults: [{ kind: "timeout" }],
    steps: [
      { text: "Sign in as the hospital nurse", doneWhen: { action: "auth.sign-in", actor: PERSONAS.nurse } },
      {
        text: "Try to self-claim a relationship with patient 999 001 0013: Spine does not answer",
        doneWhen: { action: "lr.create.requested", actor: PERSONAS.nurse, nhsNumber: "9990010013" },
      },
      { text: "Trainer: switch the Spine timeout off", doneWhen: { action: "training.fault-off", actor: PERSONAS.trainer } },
      {
        text: "Nurse: check again, and see Spine confirm the claim",
        doneWhen: { action: "lr.create.confirmed", actor: PERSONAS.nurse, nhsNumber: "9990010013" },
      },
    ],
  },
  {
    id: "deceased-patient",
    name: "Deceased patient",
    description: "Patient 999 001 0021 has died (PDS shows the date) and their relationship is frozen with reason “Patient is deceased”.",
    simulatorScenario: "default",
    alertBacklog: false,
    faults: [],
    steps: [
      { text: "Sign in as the GP", doneWhen: { action: "auth.sign-in", actor: PERSONAS.gp } },
      {
        text: "Find patient 999 001 0021 and read the deceased warning",
        doneWhen: { action: "patient.viewed", actor: PERSONAS.gp, nhsNumber: "9990010021" },
      },
      {
        text: "Check the relationship: it is frozen, so Spine answers “no relationship”",
        doneWhen: { action: "lr.confirm-query", actor: PERSONAS.gp, nhsNumber: "9990010021" },
      },
    ],
  },
];

export function findTrainingScenario(id: string): TrainingScenario | undefined {
  return TRAINING_SCENARIOS.find((scenario) => scenario.id === id);
}
