/**
 * Authentication assurance: which CIS2 `acr` value the stand-in puts in the ID token, and when
 * it refuses a user whose authenticator cannot meet what the relying party asked for.
 *
 * Rule (INFERRED from CIS2's acr_values docs; real CIS2 behaviour to be confirmed in INT):
 * the RP's `acr_values` are tried in the order sent; the first one whose minimum AAL the user's
 * authenticator reaches becomes `acr`. If none is reachable the user is refused with a page.
 * When the RP sends no `acr_values`, oidc-provider fills in the client's default list (every
 * value in ACR_MIN_LEVEL, strongest first), so an AAL1-only user then gets `AAL1_USERPASS` and
 * the RP must refuse it itself.
 */

export type AssuranceLevel = 1 | 2 | 3;

/** The acr values CIS2 advertises, strongest first, with the minimum AAL each needs. */
export const ACR_MIN_LEVEL: Readonly<Record<string, AssuranceLevel>> = {
  AAL3_ANY: 3,
  AAL2_OR_AAL3_ANY: 2,
  AAL2_ANY: 2,
  AAL1_USERPASS: 1,
};

export const SUPPORTED_ACR_VALUES: readonly string[] = Object.keys(ACR_MIN_LEVEL);

export type AcrDecision = { ok: true; acr: string } | { ok: false; requiredLevel: AssuranceLevel; requested: string[] };

export function parseAssuranceLevel(level: string): AssuranceLevel {
  const parsed = Number(level);
  if (parsed === 1 || parsed === 2 || parsed === 3) return parsed;
  throw new RangeError(`assurance level must be "1", "2" or "3", got ${JSON.stringify(level)}`);
}

/**
 * @param userLevel the AAL the persona's authenticator reaches
 * @param acrValues the space-separated `acr_values` authorization parameter (may be absent)
 * @param defaultAcr the persona's own acr, used when no known value was requested
 */
export function decideAcr(userLevel: AssuranceLevel, acrValues: string | undefined, defaultAcr: string): AcrDecision {
  const requested = (acrValues ?? "").split(" ").filter((value) => value in ACR_MIN_LEVEL);
  if (requested.length === 0) return { ok: true, acr: defaultAcr };
  const reachable = requested.find((value) => (ACR_MIN_LEVEL[value] ?? 4) <= userLevel);
  if (reachable) return { ok: true, acr: reachable };
  const requiredLevel = Math.min(...requested.map((value) => ACR_MIN_LEVEL[value] ?? 3)) as AssuranceLevel;
  return { ok: false, requiredLevel, requested };
}
