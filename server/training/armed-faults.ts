import "server-only";
import { type TrainingFault, trainingFaultFrom } from "@/lib/training/training-faults";
import { simulatorControl } from "./simulator-control";

/** A fault switched on in the simulator, as the console shows it. */
export interface ArmedTrainingFault {
  id: number;
  fault: TrainingFault;
}

interface ControlFaults {
  armed: { id: number; spec: { match?: { nhsNumber?: string }; fault: { kind: string; delayMs?: number } } }[];
}

/** The faults switched on in the simulator now (the simulator is the truth; nothing is cached here). */
export async function listArmedFaults(): Promise<ArmedTrainingFault[]> {
  const { armed } = await simulatorControl<ControlFaults>("GET", "/_control/faults");
  return armed.flatMap((entry) => {
    const fault = trainingFaultFrom(entry.spec);
    return fault ? [{ id: entry.id, fault }] : [];
  });
}
