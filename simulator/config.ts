import { z } from "zod";

/**
 * Everything tunable about the simulator in one typed object. Values Spine does not publish
 * (party keys, ASIDs, business-rule strictness) live here or in data/ so they can be corrected
 * without code changes.
 */
export interface SimulatorConfig {
  spine: {
    /** Spine's ASID as written in communicationFunctionSnd of replies. */
    asid: string;
    partyKey: string;
    /** wsa:From/Address of sync replies. */
    syncFromAddress: string;
  };
  /** Requests larger than this are refused before parsing (HTTP 413). */
  bodyLimitBytes: number;
  async: {
    /** Pause between the 202 and the business reply POST. */
    replyDelayMs: number;
    /** Used by the lateReply fault: longer than any sensible client timeout. */
    lateReplyDelayMs: number;
    /** How long to wait for the client's ebXML Acknowledgment per attempt. */
    ackTimeoutMs: number;
    /** Replaces the SDS registry's retries / retry interval when set (tests use short values). */
    reliabilityOverride?: { retries: number; retryIntervalMs: number };
    /** Replaces the SDS persist duration (duplicate-elimination window) when set. */
    persistDurationMsOverride?: number;
  };
  /** How long the noReply fault keeps a sync connection open before dropping it. */
  noReplyHoldMs: number;
  controlEnabled: boolean;
  /** SPINE_MESSAGE_LOG_DIR: one file per inbound/outbound message body. */
  messageLogDir?: string;
  /** Inbound endpoint of the LR Manager BFF in the default SDS registry. */
  bffInboundUrl: string;
  /**
   * Header sent on every async reply the simulator posts, standing in for Spine's TLS client
   * certificate (the BFF refuses replies without it). The run command gives the app and the
   * simulator the same random value per run (SIMULATOR_BFF_INBOUND_AUTH_HEADER / _VALUE).
   */
  bffInboundAuth?: { header: string; value: string };
  businessRules: {
    /** An identical active LR returns the existing id (true) or an AE (false). */
    identicalActiveLrReturnsExisting: boolean;
    /** Unknown (but valid) NHS numbers are refused with "No match to a Service User record". */
    requireKnownPatient: boolean;
  };
  /** Scenario seeded at start-up (empty store) and by a plain reset. */
  defaultScenario: string;
  /** Reseed at start-up even when the store already holds a world (env SIMULATOR_RESET_ON_START=1). */
  resetOnStart: boolean;
  /** Injectable clock so tests and seeds are deterministic. */
  now: () => Date;
}

export type SimulatorConfigOverrides = Partial<Omit<SimulatorConfig, "spine" | "async" | "businessRules">> & {
  spine?: Partial<SimulatorConfig["spine"]>;
  async?: Partial<SimulatorConfig["async"]>;
  businessRules?: Partial<SimulatorConfig["businessRules"]>;
};

export const defaultSimulatorConfig: SimulatorConfig = {
  spine: {
    asid: "990000000001",
    partyKey: "SIM-990001",
    syncFromAddress: "https://lrs.national.ncrs.nhs.uk/syncservice",
  },
  bodyLimitBytes: 5 * 1024 * 1024,
  async: { replyDelayMs: 200, lateReplyDelayMs: 90_000, ackTimeoutMs: 10_000 },
  noReplyHoldMs: 120_000,
  controlEnabled: false,
  bffInboundUrl: "http://127.0.0.1:3000/api/spine/inbound",
  businessRules: { identicalActiveLrReturnsExisting: true, requireKnownPatient: true },
  defaultScenario: "default",
  resetOnStart: false,
  now: () => new Date(),
};

export function resolveSimulatorConfig(overrides: SimulatorConfigOverrides = {}): SimulatorConfig {
  return {
    ...defaultSimulatorConfig,
    ...overrides,
    spine: { ...defaultSimulatorConfig.spine, ...overrides.spine },
    async: { ...defaultSimulatorConfig.async, ...overrides.async },
    businessRules: { ...defaultSimulatorConfig.businessRules, ...overrides.businessRules },
  };
}

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));
const positiveInt = z.coerce.number().int().nonnegative().optional();

const envSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  SIMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  SIMULATOR_DATABASE_URL: z.string().min(1).optional(),
  SIMULATOR_DATA_DIR: z.string().min(1).optional(),
  SIMULATOR_DB_IN_MEMORY: flag,
  SIMULATOR_CONTROL_ENABLED: flag,
  SIMULATOR_BFF_INBOUND_URL: z.url().optional(),
  SIMULATOR_BFF_INBOUND_AUTH_HEADER: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name")
    .optional(),
  SIMULATOR_BFF_INBOUND_AUTH_VALUE: z.string().min(1).optional(),
  SIMULATOR_SPINE_ASID: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  SIMULATOR_SPINE_PARTY_KEY: z.string().min(1).optional(),
  SIMULATOR_REPLY_DELAY_MS: positiveInt,
  SIMULATOR_LATE_REPLY_DELAY_MS: positiveInt,
  SIMULATOR_SCENARIO: z.string().min(1).optional(),
  SIMULATOR_RESET_ON_START: flag,
  SPINE_MESSAGE_LOG_DIR: z.string().min(1).optional(),
});

export interface SimulatorEnvironment {
  port: number;
  host: string;
  store: { databaseUrl?: string; dataDir?: string; inMemory?: boolean };
  config: SimulatorConfigOverrides;
}

/** Reads the process environment once at start-up (main.ts); nothing else touches process.env. */
export function simulatorEnvironment(env: Record<string, string | undefined>): SimulatorEnvironment {
  const parsed = envSchema.parse(env);
  if (Boolean(parsed.SIMULATOR_BFF_INBOUND_AUTH_HEADER) !== Boolean(parsed.SIMULATOR_BFF_INBOUND_AUTH_VALUE)) {
    throw new Error("Set SIMULATOR_BFF_INBOUND_AUTH_HEADER and SIMULATOR_BFF_INBOUND_AUTH_VALUE together");
  }
  const asyncOverrides: Partial<SimulatorConfig["async"]> = {};
  if (parsed.SIMULATOR_REPLY_DELAY_MS !== undefined) asyncOverrides.replyDelayMs = parsed.SIMULATOR_REPLY_DELAY_MS;
  if (parsed.SIMULATOR_LATE_REPLY_DELAY_MS !== undefined) asyncOverrides.lateReplyDelayMs = parsed.SIMULATOR_LATE_REPLY_DELAY_MS;
  const spine: Partial<SimulatorConfig["spine"]> = {};
  if (parsed.SIMULATOR_SPINE_ASID) spine.asid = parsed.SIMULATOR_SPINE_ASID;
  if (parsed.SIMULATOR_SPINE_PARTY_KEY) spine.partyKey = parsed.SIMULATOR_SPINE_PARTY_KEY;
  const config: SimulatorConfigOverrides = { spine, async: asyncOverrides };
  if (parsed.SIMULATOR_CONTROL_ENABLED !== undefined) config.controlEnabled = parsed.SIMULATOR_CONTROL_ENABLED;
  if (parsed.SIMULATOR_BFF_INBOUND_URL) config.bffInboundUrl = parsed.SIMULATOR_BFF_INBOUND_URL;
  if (parsed.SIMULATOR_BFF_INBOUND_AUTH_HEADER && parsed.SIMULATOR_BFF_INBOUND_AUTH_VALUE) {
    config.bffInboundAuth = { header: parsed.SIMULATOR_BFF_INBOUND_AUTH_HEADER, value: parsed.SIMULATOR_BFF_INBOUND_AUTH_VALUE };
  }
  if (parsed.SPINE_MESSAGE_LOG_DIR) config.messageLogDir = parsed.SPINE_MESSAGE_LOG_DIR;
  if (parsed.SIMULATOR_SCENARIO) config.defaultScenario = parsed.SIMULATOR_SCENARIO;
  if (parsed.SIMULATOR_RESET_ON_START !== undefined) config.resetOnStart = parsed.SIMULATOR_RESET_ON_START;
  return {
    port: parsed.SIMULATOR_PORT,
    host: parsed.SIMULATOR_HOST,
    store: {
      ...(parsed.SIMULATOR_DATABASE_URL ? { databaseUrl: parsed.SIMULATOR_DATABASE_URL } : {}),
      ...(parsed.SIMULATOR_DATA_DIR ? { dataDir: parsed.SIMULATOR_DATA_DIR } : {}),
      ...(parsed.SIMULATOR_DB_IN_MEMORY ? { inMemory: true } : {}),
    },
    config,
  };
}
