import "server-only";
import * as client from "openid-client";
import { config } from "@/server/config";
import { loadRpSigningKey } from "./rp-signing-key";

/**
 * openid-client v6 configuration for CIS2 (docs/domain.md §9.2): discovery cached for an hour (NHS
 * allows up to an hour), private_key_jwt with the assertion `aud` fixed to the token endpoint
 * (ForgeRock/CIS2 refuses openid-client's default of the issuer), ID tokens pinned to RS256.
 * Plain http is allowed only for a loopback issuer (the local stand-in).
 */

const DISCOVERY_TTL_MS = 60 * 60_000;
const CACHE_KEY = Symbol.for("lr-manager.cis2-client");

interface CachedDiscovery {
  issuer: string;
  loadedAt: number;
  configuration: Promise<client.Configuration>;
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && (["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) || url.hostname.startsWith("127."));
}

async function discover(issuer: string, clientId: string): Promise<client.Configuration> {
  const signingKey = await loadRpSigningKey();
  let tokenEndpoint = "";
  const clientAuth = client.PrivateKeyJwt(
    { key: signingKey.key, kid: signingKey.kid },
    {
      [client.modifyAssertion]: (_header, payload) => {
        payload.aud = tokenEndpoint;
      },
    },
  );
  const issuerUrl = new URL(issuer);
  const configuration = await client.discovery(
    issuerUrl,
    clientId,
    { id_token_signed_response_alg: "RS256" },
    clientAuth,
    isLoopbackHttp(issuerUrl) ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  tokenEndpoint = configuration.serverMetadata().token_endpoint ?? "";
  if (!tokenEndpoint) throw new Error("CIS2 discovery document has no token_endpoint");
  return configuration;
}

/** The cached CIS2 client configuration; a failed discovery is retried on the next call. */
export function cis2Configuration(): Promise<client.Configuration> {
  const c = config();
  const holder = globalThis as typeof globalThis & { [CACHE_KEY]?: CachedDiscovery };
  const cached = holder[CACHE_KEY];
  if (cached && cached.issuer === c.CIS2_ISSUER && Date.now() - cached.loadedAt < DISCOVERY_TTL_MS) {
    return cached.configuration;
  }
  const entry: CachedDiscovery = { issuer: c.CIS2_ISSUER, loadedAt: Date.now(), configuration: discover(c.CIS2_ISSUER, c.CIS2_CLIENT_ID) };
  holder[CACHE_KEY] = entry;
  entry.configuration.catch(() => {
    if (holder[CACHE_KEY] === entry) delete holder[CACHE_KEY];
  });
  return entry.configuration;
}

/** Tests: forget the cached discovery (e.g. after starting a fresh stand-in). */
export function forgetCis2Configuration(): void {
  delete (globalThis as typeof globalThis & { [CACHE_KEY]?: CachedDiscovery })[CACHE_KEY];
}

export { client };
