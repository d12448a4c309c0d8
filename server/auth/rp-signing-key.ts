import "server-only";
import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import devRpKey from "@/cis2/dev-rp-key.json";
import { config } from "@/server/config";

/**
 * The BFF's private_key_jwt signing key. From CIS2_CLIENT_PRIVATE_JWK (a private RSA JWK as JSON);
 * when unset, the committed DEV-ONLY key cis2/dev-rp-key.json is read as data (the stand-in has
 * its public half registered) — refused in live mode.
 */

export interface RpSigningKey {
  key: CryptoKey;
  kid: string;
  alg: "RS256" | "RS512";
}

const PUBLIC_AND_PRIVATE_RSA_MEMBERS = ["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"];

export async function loadRpSigningKey(): Promise<RpSigningKey> {
  const c = config();
  if (!c.CIS2_CLIENT_PRIVATE_JWK && c.LR_MODE === "live") {
    throw new Error("CIS2_CLIENT_PRIVATE_JWK must be set in live mode (the dev key is public)");
  }
  const raw = (c.CIS2_CLIENT_PRIVATE_JWK ? JSON.parse(c.CIS2_CLIENT_PRIVATE_JWK) : devRpKey) as Record<string, unknown>;
  if (raw.kty !== "RSA" || typeof raw.d !== "string") throw new Error("the RP signing key must be a private RSA JWK");
  const jwk: JWK = {};
  for (const member of PUBLIC_AND_PRIVATE_RSA_MEMBERS) {
    if (typeof raw[member] === "string") (jwk as Record<string, unknown>)[member] = raw[member];
  }
  const alg = raw.alg === "RS256" ? "RS256" : "RS512";
  const kid = typeof raw.kid === "string" ? raw.kid : await calculateJwkThumbprint(jwk);
  // The committed dev key is public: it can never sign for a live deployment, however it got here.
  if (c.LR_MODE === "live" && (raw.n === devRpKey.n || kid === devRpKey.kid)) {
    throw new Error("CIS2_CLIENT_PRIVATE_JWK is the public dev-only key (cis2/dev-rp-key.json); use the key registered with CIS2");
  }
  const key = (await importJWK(jwk, alg)) as CryptoKey;
  return { key, kid, alg };
}
