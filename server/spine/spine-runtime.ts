import "server-only";
import type { Logger } from "pino";
import { createDirectTransport } from "./direct-transport";
import { journalFor, type MessageJournal } from "./message-journal";
import { createMhsTransport } from "./mhs-transport";
import type { SpineOptions } from "./spine-options";
import type { SpineTransport } from "./spine-transport";
import { createSpineHttpsAgent } from "./tls-agent";
import type { SpineStore } from "./wait-for-completion";

/**
 * Everything a Spine exchange needs, passed explicitly (tests build their own; production uses
 * `getSpineRuntime()` in default-runtime.ts, which reads config and the shared store).
 */
export interface SpineRuntime {
  store: SpineStore;
  transport: SpineTransport;
  options: SpineOptions;
  journal: MessageJournal;
  log: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Start the outbox worker on first use (production); tests drive workers themselves. */
  autoStartWorker: boolean;
}

export interface CreateSpineRuntimeInput {
  store: SpineStore;
  options: SpineOptions;
  log: Logger;
  now?: () => Date;
  transport?: SpineTransport;
  journal?: MessageJournal;
  sleep?: (ms: number) => Promise<void>;
  autoStartWorker?: boolean;
}

/** A journal that can never fail a Spine exchange: a write error is logged and dropped. */
export function safeJournal(journal: MessageJournal, log: Logger): MessageJournal {
  return async (entry) => {
    try {
      await journal(entry);
    } catch (error) {
      log.error({ err: error, direction: entry.direction, interactionId: entry.interactionId }, "message journal write failed");
    }
  };
}

export function transportFor(options: SpineOptions, journal: MessageJournal): SpineTransport {
  if (options.transport === "mhs") return createMhsTransport({ options, journal });
  const httpsAgent = options.baseUrl.startsWith("https:") ? createSpineHttpsAgent(options.tls) : undefined;
  return createDirectTransport({ options, journal, httpsAgent });
}

export function createSpineRuntime(input: CreateSpineRuntimeInput): SpineRuntime {
  const journal = safeJournal(input.journal ?? journalFor(input.options.messageLogDir), input.log);
  return {
    store: input.store,
    options: input.options,
    log: input.log,
    journal,
    transport: input.transport ?? transportFor(input.options, journal),
    now: input.now ?? (() => new Date()),
    sleep: input.sleep,
    autoStartWorker: input.autoStartWorker ?? false,
  };
}
