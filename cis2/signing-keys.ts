/**
 * The stand-in's own ID-token signing key (RS256, as CIS2 fixtures show). Generated at start;
 * when a path is given (main.ts uses the git-ignored .data/cis2/) it is kept across restarts so
 * ID tokens the BFF already holds still verify after the stand-in restarts.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

export const ID_TOKEN_SIGNING_ALG = "RS256";

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ID_TOKEN_SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: ID_TOKEN_SIGNING_ALG, use: "sig", kid: await calculateJwkThumbprint(jwk) };
}

function isPrivateRsaJwk(value: unknown): value is JWK {
  if (typeof value !== "object" || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk.kty === "RSA" && typeof jwk.d === "string" && typeof jwk.kid === "string";
}

/** Load the key at `path`, or create and save one there; with no path, a fresh key each start. */
export async function loadOrCreateSigningJwk(path?: string): Promise<JWK> {
  if (!path) return generateSigningJwk();
  try {
    const stored: unknown = JSON.parse(await readFile(path, "utf8"));
    if (isPrivateRsaJwk(stored)) return stored;
    throw new Error(`${path} does not hold a private RSA JWK; delete it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const jwk = await generateSigningJwk();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  return jwk;
}

/** Keys that sign oidc-provider's cookies; per process, since sessions are in memory anyway. */
export function generateCookieKeys(): string[] {
  return [randomBytes(32).toString("base64url"), randomBytes(32).toString("base64url")];
}
