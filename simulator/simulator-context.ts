import type { Kysely } from "kysely";
import type { SimulatorConfig } from "@/simulator/config";
import { FaultInjector } from "@/simulator/faults/fault-injector";
import { MessageJournal } from "@/simulator/journal/message-journal";
import { type ReplyFactory, replyFactory } from "@/simulator/pipeline/reply-factory";
import { ReplyDelivery } from "@/simulator/reliable/reply-delivery";
import { loadSdsRegistry, SdsDirectory } from "@/simulator/sds/sds-registry";
import { seedScenario, storedScenario } from "@/simulator/seed/seed-world";
import type { SimulatorDatabase } from "@/simulator/store/schema";

/** Everything a request handler needs, built once per running simulator. */
export interface SimulatorContext {
  config: SimulatorConfig;
  db: Kysely<SimulatorDatabase>;
  sds: SdsDirectory;
  faults: FaultInjector;
  journal: MessageJournal;
  replies: ReplyFactory;
  delivery: ReplyDelivery;
  /** Scenario currently loaded. */
  scenario(): string;
  /** Back to a freshly seeded world: pending replies dropped, fault counters cleared. */
  reset(scenarioName?: string): Promise<void>;
  /** At start-up: keep a stored world (on-disk PGlite / PostgreSQL) unless told to reset; seed an empty store. */
  loadWorld(resetOnStart: boolean): Promise<void>;
}

export function createSimulatorContext(db: Kysely<SimulatorDatabase>, config: SimulatorConfig, sdsRegistryRaw?: unknown): SimulatorContext {
  const journal = new MessageJournal(db, { logDir: config.messageLogDir, now: config.now });
  const delivery = new ReplyDelivery(journal, config.bffInboundAuth ? { [config.bffInboundAuth.header]: config.bffInboundAuth.value } : {});
  const faults = new FaultInjector();
  let currentScenario = config.defaultScenario;
  return {
    config,
    db,
    sds: new SdsDirectory(loadSdsRegistry({ bffInboundUrl: config.bffInboundUrl }, sdsRegistryRaw)),
    faults,
    journal,
    replies: replyFactory(config.now, config.spine.asid),
    delivery,
    scenario: () => currentScenario,
    async reset(scenarioName = config.defaultScenario) {
      delivery.cancelAll();
      faults.reset();
      await seedScenario(db, scenarioName);
      currentScenario = scenarioName;
    },
    async loadWorld(resetOnStart) {
      const stored = await storedScenario(db);
      if (resetOnStart || stored === undefined) return this.reset();
      currentScenario = stored;
    },
  };
}
