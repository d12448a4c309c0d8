/**
 * Stand-in settings: the CIS2-shaped issuer and the one relying party it knows (the BFF).
 * `optionsFromEnv` is the only place env is read, so main.ts and tests share one shape.
 */
import type { JWK } from "jose";
import { loadRpKeys, type RpSigningAlg } from "./rp-keys";

/** CIS2's realm path (INT and live issuers end with it). */
export const CIS2_ISSUER_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
export const DEFAULT_CIS2_PORT = 4200;
export const DEFAULT_CIS2_HOST = "127.0.0.1";

export interface RelyingPartyRegistration {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string;
  /** The RP's public signing key, registered inline (a loopback jwks_uri would be blocked). */
  publicJwk: JWK;
  signingAlg: RpSigningAlg;
}

export interface Cis2StandInOptions {
  port?: number;
  host?: string;
  /** Full issuer; default http://{host}:{port}{CIS2_ISSUER_PATH} with the port actually bound. */
  issuer?: string;
  client?: Partial<RelyingPartyRegistration>;
  /** Persist the ID-token signing key here (main.ts: .data/cis2/signing-key.json); default: fresh per start. */
  signingKeyPath?: string;
  /** Where operational messages go (backchannel failures, server errors). Default: stderr. */
  log?: (message: string) => void;
}

export function defaultRelyingParty(env: Record<string, string | undefined> = process.env): RelyingPartyRegistration {
  const rpKeys = loadRpKeys(env);
  return {
    clientId: env.CIS2_CLIENT_ID || "lr-manager",
    redirectUris: listFromEnv(env.CIS2_REDIRECT_URIS, "http://127.0.0.1:3000/api/auth/callback"),
    postLogoutRedirectUris: listFromEnv(env.CIS2_POST_LOGOUT_REDIRECT_URIS, "http://127.0.0.1:3000/"),
    backchannelLogoutUri: env.CIS2_BACKCHANNEL_LOGOUT_URI || "http://127.0.0.1:3000/api/auth/backchannel-logout",
    publicJwk: rpKeys.publicJwk,
    signingAlg: rpKeys.alg,
  };
}

export function optionsFromEnv(env: Record<string, string | undefined> = process.env): Cis2StandInOptions {
  const port = env.CIS2_PORT ? Number(env.CIS2_PORT) : DEFAULT_CIS2_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CIS2_PORT is not a port: ${env.CIS2_PORT}`);
  return {
    port,
    host: env.CIS2_HOST || DEFAULT_CIS2_HOST,
    issuer: env.CIS2_ISSUER || undefined,
    client: defaultRelyingParty(env),
    signingKeyPath: env.CIS2_SIGNING_KEY_PATH || ".data/cis2/signing-key.json",
  };
}

function listFromEnv(value: string | undefined, fallback: string): string[] {
  const items = (value || fallback)
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length > 0 ? items : [fallback];
}
