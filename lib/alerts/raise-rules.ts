import { z } from "zod";
import { PERMISSIONS, type Permission } from "@/lib/rbac/permission-names";
import { ALERT_KINDS, type AlertKind } from "@/lib/schemas/alerts";
import raw from "./raise-rules.json";

/**
 * Which alert an action raises, and who receives each kind — data (raise-rules.json), parsed once.
 * Pure: used by the server when raising and scoping alerts, and by the seed.
 */
const permission = z.enum(PERMISSIONS);
const code = z.string().regex(/^\d{1,2}$/);

const rulesSchema = z.object({
  kinds: z.record(z.enum(ALERT_KINDS), z.object({ alertType: code, permission })),
  selfClaimReasonByAccessReason: z.record(z.string(), code),
  selfClaimDefaultReason: code,
  accessReasonByDissentOverride: z.record(z.string(), code),
});

const rules = rulesSchema.parse(raw);

export function alertTypeOf(kind: AlertKind): string {
  return rules.kinds[kind].alertType;
}

export function kindOfAlertType(alertType: string): AlertKind | undefined {
  return ALERT_KINDS.find((kind) => rules.kinds[kind].alertType === alertType);
}

/** The alert kinds a role receives (each activity sees only its own kinds). */
export function receivedKinds(permissions: readonly Permission[]): AlertKind[] {
  return ALERT_KINDS.filter((kind) => permissions.includes(rules.kinds[kind].permission));
}

export function selfClaimAlertReason(accessReasonCode: string): string {
  return rules.selfClaimReasonByAccessReason[accessReasonCode] ?? rules.selfClaimDefaultReason;
}

/** The alert reason for an emergency / override access, or undefined when the override code raises no alert ("0"). */
export function accessAlertReason(dissentOverride: string): string | undefined {
  return rules.accessReasonByDissentOverride[dissentOverride];
}
