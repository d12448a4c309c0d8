import catalogueJson from "@/simulator/data/faults.json";
import { type ArmedFault, type FaultSpec, faultCatalogueSchema, type NhsNumberFault } from "@/simulator/faults/fault-spec";

export interface FaultContext {
  interactionId: string;
  /** Every NHS number the request names (one, or many for the batch query). */
  nhsNumbers: readonly string[];
  senderAsid?: string;
}

export interface ChosenFault {
  source: string;
  fault: FaultSpec;
}

/**
 * Decides which fault, if any, applies to a request. Control-API faults win over the magic NHS
 * number catalogue; counted faults ("n times then succeed") keep their counts in memory until reset.
 */
export class FaultInjector {
  private readonly catalogue: readonly NhsNumberFault[];
  private readonly usedCounts = new Map<string, number>();
  private armed: { id: number; spec: ArmedFault; remaining?: number }[] = [];
  private nextArmedId = 1;

  constructor(catalogue: readonly NhsNumberFault[] = faultCatalogueSchema.parse(catalogueJson).faults) {
    this.catalogue = catalogue;
  }

  get catalogueEntries(): readonly NhsNumberFault[] {
    return this.catalogue;
  }

  arm(spec: ArmedFault): number {
    const id = this.nextArmedId++;
    // A counted fault ("times" in the spec, as the catalogue's retriable206 has) is counted when armed too.
    const times = spec.times ?? (spec.fault.kind === "soapFault" ? spec.fault.times : undefined);
    this.armed.push(times === undefined ? { id, spec } : { id, spec, remaining: times });
    return id;
  }

  listArmed(): { id: number; spec: ArmedFault; remaining?: number }[] {
    return this.armed.map((entry) => ({ ...entry }));
  }

  /** Switches one armed fault off; false when no such fault is armed. */
  disarm(id: number): boolean {
    const before = this.armed.length;
    this.armed = this.armed.filter((entry) => entry.id !== id);
    return this.armed.length < before;
  }

  reset(): void {
    this.usedCounts.clear();
    this.armed = [];
    this.nextArmedId = 1;
  }

  private armedFor(context: FaultContext): { id: number; spec: ArmedFault; remaining?: number } | undefined {
    return this.armed.find(({ spec: { match } }) => {
      if (match.interactionId && match.interactionId !== context.interactionId) return false;
      if (match.senderAsid && match.senderAsid !== context.senderAsid) return false;
      return !match.nhsNumber || context.nhsNumbers.includes(match.nhsNumber);
    });
  }

  /**
   * Whether Spine is still not answering this request (a noReply fault applies), without using up a
   * counted fault: asked when a re-sent duplicate would have its stored reply delivered again.
   */
  withholdsReply(context: FaultContext): boolean {
    const armed = this.armedFor(context);
    if (armed) return armed.spec.fault.kind === "noReply";
    return this.catalogue.find((entry) => context.nhsNumbers.includes(entry.nhsNumber))?.fault.kind === "noReply";
  }

  choose(context: FaultContext): ChosenFault | undefined {
    const entry = this.armedFor(context);
    if (entry) {
      if (entry.remaining !== undefined) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.armed = this.armed.filter((other) => other.id !== entry.id);
      }
      return { source: `control:${entry.id}`, fault: entry.spec.fault };
    }
    const magic = this.catalogue.find((entry) => context.nhsNumbers.includes(entry.nhsNumber));
    if (!magic) return undefined;
    if (magic.fault.kind === "soapFault" && magic.fault.times !== undefined) {
      const used = this.usedCounts.get(magic.name) ?? 0;
      if (used >= magic.fault.times) return undefined;
      this.usedCounts.set(magic.name, used + 1);
    }
    return { source: `nhsNumber:${magic.name}`, fault: magic.fault };
  }
}
