/**
 * The relying party's (the BFF's) private_key_jwt key pair. The stand-in needs only the public
 * half (registered inline: oidc-provider's fetch guard blocks a loopback jwks_uri); tests and the
 * BFF sign client assertions with the private half.
 *
 * Source, in order: env CIS2_CLIENT_PRIVATE_JWK (a private RSA JWK as JSON), else the committed
 * DEV-ONLY synthetic key in cis2/dev-rp-key.json (RS512, as NHS EPS/BSM use).
 */
import { createHash } from "node:crypto";
import type { JWK } from "jose";
import devRpKey from "./dev-rp-key.json";

export type RpSigningAlg = "RS256" | "RS512";

export interface RpKeyMaterial {
  privateJwk: JWK;
  publicJwk: JWK;
  kid: string;
  alg: RpSigningAlg;
  source: "env" | "dev-file";
}

const PRIVATE_RSA_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/** RFC 7638 thumbprint of an RSA key (sync, so key loading needs no await). */
function rsaThumbprint(jwk: { e: string; n: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n });
  return createHash("sha256").update(canonical).digest("base64url");
}

function asPrivateRsaJwk(value: unknown, origin: string): JWK & { n: string; e: string; d: string } {
  if (typeof value !== "object" || value === null) throw new Error(`${origin}: not a JSON object`);
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== "RSA") throw new Error(`${origin}: kty must be "RSA"`);
  for (const member of ["n", "e", "d"]) {
    if (typeof jwk[member] !== "string") throw new Error(`${origin}: missing private RSA member "${member}"`);
  }
  if (jwk.alg !== undefined && jwk.alg !== "RS256" && jwk.alg !== "RS512") {
    throw new Error(`${origin}: alg must be RS256 or RS512`);
  }
  return jwk as JWK & { n: string; e: string; d: string };
}

/** The public half: private members and our "$comment" label removed. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const publicJwk: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(privateJwk)) {
    if (!PRIVATE_RSA_MEMBERS.includes(member) && member !== "$comment") publicJwk[member] = value;
  }
  return publicJwk as JWK;
}

export function loadRpKeys(env: Record<string, string | undefined> = process.env): RpKeyMaterial {
  const fromEnv = env.CIS2_CLIENT_PRIVATE_JWK;
  const source = fromEnv ? "env" : "dev-file";
  const raw: unknown = fromEnv ? JSON.parse(fromEnv) : devRpKey;
  const checked = asPrivateRsaJwk(raw, fromEnv ? "CIS2_CLIENT_PRIVATE_JWK" : "cis2/dev-rp-key.json");
  const alg: RpSigningAlg = checked.alg === "RS256" ? "RS256" : "RS512";
  const kid = checked.kid ?? rsaThumbprint(checked);
  const privateJwk: JWK = {
    ...publicJwkOf(checked),
    d: checked.d,
    p: checked.p,
    q: checked.q,
    dp: checked.dp,
    dq: checked.dq,
    qi: checked.qi,
    alg,
    kid,
    use: "sig",
  };
  return { privateJwk, publicJwk: publicJwkOf(privateJwk), kid, alg, source };
}
