import "server-only";
import { z } from "zod";
import rawPolicy from "./assurance-policy.json";

/**
 * Checks on the ID token claims after the code exchange: `acr` is one we accept, both assurance
 * levels are high enough, and `auth_time` is fresh (openid-client already enforces max_age;
 * this repeats it so the rule is visible and tested). Pure.
 */

const policySchema = z.object({
  requestedAcrValues: z.string().min(1),
  acceptedAcr: z.array(z.string()).min(1),
  minAuthenticationAssuranceLevel: z.number().int().min(1).max(3),
  minIdAssuranceLevel: z.number().int().min(1).max(3),
  maxAuthAgeSeconds: z.number().int().positive(),
});

export type AssurancePolicy = z.infer<typeof policySchema>;
export const assurancePolicy: AssurancePolicy = policySchema.parse(rawPolicy);

export type AssuranceRefusal = "acr" | "authentication_assurance_level" | "id_assurance_level" | "auth_time";

export interface IdTokenAssuranceClaims {
  acr?: unknown;
  auth_time?: unknown;
  authentication_assurance_level?: unknown;
  id_assurance_level?: unknown;
}

/** CIS2 sends levels as strings "1" | "2" | "3". Anything else counts as 0. */
function level(value: unknown): number {
  const parsed = typeof value === "string" || typeof value === "number" ? Number(value) : Number.NaN;
  return parsed === 1 || parsed === 2 || parsed === 3 ? parsed : 0;
}

export function checkAssurance(
  claims: IdTokenAssuranceClaims,
  nowSeconds: number,
  policy: AssurancePolicy = assurancePolicy,
): { ok: true } | { ok: false; refusal: AssuranceRefusal } {
  if (typeof claims.acr !== "string" || !policy.acceptedAcr.includes(claims.acr)) return { ok: false, refusal: "acr" };
  if (level(claims.authentication_assurance_level) < policy.minAuthenticationAssuranceLevel) {
    return { ok: false, refusal: "authentication_assurance_level" };
  }
  if (level(claims.id_assurance_level) < policy.minIdAssuranceLevel) return { ok: false, refusal: "id_assurance_level" };
  // 30 s tolerance for clock skew between CIS2 and us, as openid-client uses.
  const authTime = typeof claims.auth_time === "number" ? claims.auth_time : Number.NaN;
  if (!Number.isFinite(authTime) || authTime > nowSeconds + 30 || nowSeconds - authTime > policy.maxAuthAgeSeconds + 30) {
    return { ok: false, refusal: "auth_time" };
  }
  return { ok: true };
}
