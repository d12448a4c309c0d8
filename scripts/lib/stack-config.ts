import { randomBytes } from "node:crypto";
import { CIS2_ISSUER_PATH, DEFAULT_PORTS } from "@/lib/config/app-config";

/**
 * Ports, URLs and data folders for the three local processes (app, Spine simulator, CIS2 stand-in),
 * derived from a handful of environment variables so the run command and the e2e tests agree.
 */
export interface StackConfig {
  host: string;
  ports: { app: number; simulator: number; cis2: number };
  appBaseUrl: string;
  simulatorUrl: string;
  cis2Issuer: string;
  dataRoot: string;
}

export function stackConfig(env: Record<string, string | undefined> = process.env): StackConfig {
  const host = env.LRM_HOST ?? "127.0.0.1";
  const ports = {
    app: Number(env.APP_PORT ?? DEFAULT_PORTS.app),
    simulator: Number(env.SIMULATOR_PORT ?? DEFAULT_PORTS.simulator),
    cis2: Number(env.CIS2_PORT ?? DEFAULT_PORTS.cis2),
  };
  for (const [name, port] of Object.entries(ports)) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Invalid port for ${name}: ${port}`);
  }
  const appBaseUrl = env.APP_BASE_URL ?? `http://${host}:${ports.app}`;
  return {
    host,
    ports,
    appBaseUrl,
    simulatorUrl: `http://${host}:${ports.simulator}`,
    cis2Issuer: `http://${host}:${ports.cis2}${CIS2_ISSUER_PATH}`,
    dataRoot: env.LRM_DATA_ROOT ?? ".data",
  };
}

/** The header the simulator's async replies carry to the app's /api/spine/inbound in training. */
export const TRAINING_INBOUND_AUTH_HEADER = "x-lrm-spine-credential";

/**
 * The credential Spine's async replies must carry (SPINE_INBOUND_AUTH_HEADER/VALUE): the caller's
 * when set; in training otherwise a fresh random one per run, standing in for Spine's TLS client
 * certificate, which the simulator is given too. In live mode the caller must set it (the app
 * refuses to start otherwise) and the simulator is never given it: it is not Spine.
 */
export function inboundCredential(
  env: Record<string, string | undefined>,
  random: () => string = () => randomBytes(32).toString("base64url"),
): { app: { header: string; value: string } | undefined; simulator: { header: string; value: string } | undefined } {
  const live = env.LR_MODE === "live";
  const header = env.SPINE_INBOUND_AUTH_HEADER ?? (live ? undefined : TRAINING_INBOUND_AUTH_HEADER);
  const value = env.SPINE_INBOUND_AUTH_VALUE ?? (live ? undefined : random());
  const app = header && value ? { header, value } : undefined;
  return { app, simulator: live ? undefined : app };
}

/** Environment for each child process. Values already set by the caller win (real endpoints). */
export function childEnvironments(
  c: StackConfig,
  env: Record<string, string | undefined>,
  sessionPassword: string,
  credential: ReturnType<typeof inboundCredential> = inboundCredential(env),
) {
  // The credential reaches each child only under its own names.
  const {
    SPINE_INBOUND_AUTH_HEADER: _header,
    SPINE_INBOUND_AUTH_VALUE: _value,
    SIMULATOR_BFF_INBOUND_AUTH_HEADER: _simHeader,
    SIMULATOR_BFF_INBOUND_AUTH_VALUE: _simValue,
    ...rest
  } = env;
  const common = { ...rest, NEXT_TELEMETRY_DISABLED: "1" };
  return {
    simulator: {
      ...common,
      SIMULATOR_PORT: String(c.ports.simulator),
      SIMULATOR_HOST: c.host,
      SIMULATOR_DATA_DIR: env.SIMULATOR_DATA_DIR ?? `${c.dataRoot}/simulator`,
      SIMULATOR_BFF_INBOUND_URL: env.SIMULATOR_BFF_INBOUND_URL ?? `${c.appBaseUrl}/api/spine/inbound`,
      SIMULATOR_CONTROL_ENABLED: env.SIMULATOR_CONTROL_ENABLED ?? "1",
      ...(credential.simulator
        ? { SIMULATOR_BFF_INBOUND_AUTH_HEADER: credential.simulator.header, SIMULATOR_BFF_INBOUND_AUTH_VALUE: credential.simulator.value }
        : {}),
    },
    cis2: {
      ...common,
      CIS2_PORT: String(c.ports.cis2),
      CIS2_HOST: c.host,
      CIS2_DATA_DIR: env.CIS2_DATA_DIR ?? `${c.dataRoot}/cis2`,
      CIS2_REDIRECT_URIS: env.CIS2_REDIRECT_URIS ?? `${c.appBaseUrl}/api/auth/callback`,
      CIS2_POST_LOGOUT_REDIRECT_URIS: env.CIS2_POST_LOGOUT_REDIRECT_URIS ?? `${c.appBaseUrl}/`,
      CIS2_BACKCHANNEL_LOGOUT_URI: env.CIS2_BACKCHANNEL_LOGOUT_URI ?? `${c.appBaseUrl}/api/auth/backchannel-logout`,
    },
    app: {
      ...common,
      NODE_ENV: "production",
      APP_BASE_URL: c.appBaseUrl,
      APP_DATA_DIR: env.APP_DATA_DIR ?? `${c.dataRoot}/app`,
      SPINE_BASE_URL: env.SPINE_BASE_URL ?? c.simulatorUrl,
      PDS_BASE_URL: env.PDS_BASE_URL ?? `${c.simulatorUrl}/personal-demographics/FHIR/R4`,
      CIS2_ISSUER: env.CIS2_ISSUER ?? c.cis2Issuer,
      SESSION_PASSWORD: env.SESSION_PASSWORD ?? sessionPassword,
      ...(credential.app ? { SPINE_INBOUND_AUTH_HEADER: credential.app.header, SPINE_INBOUND_AUTH_VALUE: credential.app.value } : {}),
    },
  };
}
