import { z } from "zod";
import { isLoopbackHost, standInEndpointProblems } from "./stand-in-endpoints";

/**
 * Every environment variable the BFF reads, with its default. The README's configuration table is
 * written from this list; keep them in step. Parsed once at start-up; bad values fail fast.
 */
const bool = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

export const DEFAULT_PORTS = { app: 3000, simulator: 4100, cis2: 4200 } as const;
export const CIS2_ISSUER_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  APP_BASE_URL: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.app}`),
  LR_MODE: z.enum(["training", "live"]).default("training"),
  DATABASE_URL: z.string().optional(),
  APP_DATA_DIR: z.string().default(".data/app"),
  SPINE_BASE_URL: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.simulator}`),
  SPINE_TRANSPORT: z.enum(["direct", "mhs"]).default("direct"),
  MHS_ADAPTOR_URL: z.url().optional(),
  PDS_BASE_URL: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.simulator}/personal-demographics/FHIR/R4`),
  SPINE_MESSAGE_LOG_DIR: z.string().optional(),
  SPINE_MESSAGE_LOG_LIVE_CONFIRM: bool.default(false),
  SPINE_FROM_ASID: z
    .string()
    .regex(/^\d{12}$/)
    .default("900000000001"),
  SPINE_TO_ASID: z
    .string()
    .regex(/^\d{12}$/)
    .default("990000000001"),
  SPINE_PARTY_KEY: z.string().default("9000LR-900001"),
  SPINE_CPA_ID: z.string().default("S9000LRM0001"),
  /** Spine's own ebXML party key (eb:To); the default matches the simulator's. */
  SPINE_TO_PARTY_KEY: z.string().default("SIM-990001"),
  /** JSON routing table per service (cpaId, toAsid, toPartyKey); unset = lib/config/spine-routes.json. */
  SPINE_ROUTES_FILE: z.string().min(1).optional(),
  SPINE_TLS_CERT_FILE: z.string().optional(),
  SPINE_TLS_KEY_FILE: z.string().optional(),
  SPINE_TLS_CA_FILE: z.string().optional(),
  /**
   * How Spine's async replies to /api/spine/inbound are authenticated: the TLS terminator verifies
   * Spine's client certificate and sets this header (e.g. X-Client-Verify: SUCCESS), after removing
   * any copy the caller sent. Required in live mode; in training the run command generates a random
   * value per run and gives it to the simulator too. Without both, the endpoint refuses everything
   * (401); requests without the header are refused before their body is read.
   */
  SPINE_INBOUND_AUTH_HEADER: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name")
    .optional(),
  SPINE_INBOUND_AUTH_VALUE: z.string().min(1).optional(),
  SPINE_ASYNC_WAIT_MS: z.coerce.number().int().min(0).default(8000),
  /** How long a batch LR check's results are kept for its user before they are deleted. */
  BATCH_RESULT_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(24),
  HEALTH_SIMULATOR_URL: z.url().optional(),
  /** The Spine simulator's control API (training console only); unset = SPINE_BASE_URL's origin. */
  TRAINING_SIMULATOR_URL: z.url().optional(),
  CIS2_ISSUER: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.cis2}${CIS2_ISSUER_PATH}`),
  CIS2_CLIENT_ID: z.string().default("lr-manager"),
  CIS2_CLIENT_PRIVATE_JWK: z.string().optional(),
  SESSION_PASSWORD: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type AppConfig = z.infer<typeof schema> & {
  /** true when the app is served from loopback over http (the documented dev/training exception). */
  insecureLoopback: boolean;
  /** The CIS2 stand-in / discovery base (issuer without the realm path) for health checks. */
  cis2HealthUrl: string;
  simulatorHealthUrl: string;
  /** Where the training console reaches the simulator's control API; undefined in live mode. */
  trainingSimulatorUrl: string | undefined;
  /**
   * The header Spine's async replies must carry (SPINE_INBOUND_AUTH_HEADER/VALUE), or undefined when
   * unset — then /api/spine/inbound accepts nothing (only possible outside live mode).
   */
  spineInboundAuth: { header: string; value: string } | undefined;
};

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid LR Manager configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.LR_MODE === "live" && c.SPINE_MESSAGE_LOG_DIR && !c.SPINE_MESSAGE_LOG_LIVE_CONFIRM) {
    throw new Error(
      "SPINE_MESSAGE_LOG_DIR is set in live mode: also set SPINE_MESSAGE_LOG_LIVE_CONFIRM=1 to confirm that message bodies may be written to disk",
    );
  }
  if (Boolean(c.SPINE_INBOUND_AUTH_HEADER) !== Boolean(c.SPINE_INBOUND_AUTH_VALUE)) {
    throw new Error("Set SPINE_INBOUND_AUTH_HEADER and SPINE_INBOUND_AUTH_VALUE together: one without the other authenticates nothing");
  }
  const upstreams = [
    { setting: "SPINE_BASE_URL", url: c.SPINE_BASE_URL },
    { setting: "MHS_ADAPTOR_URL", url: c.MHS_ADAPTOR_URL },
    { setting: "PDS_BASE_URL", url: c.PDS_BASE_URL },
  ];
  if (c.LR_MODE === "training") {
    const problems = standInEndpointProblems("training", [
      ...upstreams,
      { setting: "CIS2_ISSUER", url: c.CIS2_ISSUER },
      { setting: "TRAINING_SIMULATOR_URL", url: c.TRAINING_SIMULATOR_URL },
    ]);
    if (problems.length > 0) throw new Error(`Invalid LR Manager configuration for training mode:\n  ${problems.join("\n  ")}`);
  }
  if (c.LR_MODE === "live") {
    const problems: string[] = standInEndpointProblems("live", upstreams);
    const issuerUrl = new URL(c.CIS2_ISSUER);
    if (issuerUrl.protocol !== "https:" || isLoopbackHost(issuerUrl.hostname))
      problems.push("CIS2_ISSUER must be an https CIS2 address, not the local stand-in");
    if (c.TRAINING_SIMULATOR_URL) problems.push("TRAINING_SIMULATOR_URL must not be set in live mode (there is no simulator to control)");
    if (!c.SPINE_INBOUND_AUTH_HEADER || !c.SPINE_INBOUND_AUTH_VALUE)
      problems.push("SPINE_INBOUND_AUTH_HEADER and SPINE_INBOUND_AUTH_VALUE must say how Spine's replies are authenticated");
    if (!c.CIS2_CLIENT_PRIVATE_JWK) problems.push("CIS2_CLIENT_PRIVATE_JWK must be set (the dev key is public)");
    if (!c.SESSION_PASSWORD) problems.push("SESSION_PASSWORD must be set");
    if (!c.SPINE_ROUTES_FILE)
      problems.push("SPINE_ROUTES_FILE must name this deployment's SDS routing table (CPA ids, Spine ASIDs and party keys per service)");
    if (new URL(c.APP_BASE_URL).protocol !== "https:") problems.push("APP_BASE_URL must be https");
    if (problems.length > 0) throw new Error(`Invalid LR Manager configuration for live mode:\n  ${problems.join("\n  ")}`);
  }
  const base = new URL(c.APP_BASE_URL);
  const insecureLoopback = base.protocol === "http:" && isLoopbackHost(base.hostname);
  if (base.protocol === "http:" && !insecureLoopback) {
    throw new Error("APP_BASE_URL must be https unless it is a loopback address");
  }
  const issuer = new URL(c.CIS2_ISSUER);
  return {
    ...c,
    insecureLoopback,
    cis2HealthUrl: `${issuer.origin}/health`,
    simulatorHealthUrl: c.HEALTH_SIMULATOR_URL ?? `${new URL(c.SPINE_BASE_URL).origin}/health`,
    trainingSimulatorUrl: c.LR_MODE === "training" ? (c.TRAINING_SIMULATOR_URL ?? new URL(c.SPINE_BASE_URL).origin) : undefined,
    spineInboundAuth:
      c.SPINE_INBOUND_AUTH_HEADER && c.SPINE_INBOUND_AUTH_VALUE
        ? { header: c.SPINE_INBOUND_AUTH_HEADER.toLowerCase(), value: c.SPINE_INBOUND_AUTH_VALUE }
        : undefined,
  };
}
