import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/rbac/permission-names";
import type { RouteSession } from "@/server/auth/route-session";
import { type ActiveSession, loadActiveSession } from "@/server/auth/session-record";
import type { LrContext } from "@/server/lr";

/**
 * The signed-in clinician as the patient journeys need them: who (CIS2 uid), in which role and
 * organisation, with which permissions — taken from the server-side session record, never the browser.
 */
export interface Clinician {
  sessionId: string;
  sub: string;
  roleProfileId: string;
  orgCode: string;
  /** The selected role's full CIS2 role_code (e.g. "S8000:G8000:R8000"); undefined when CIS2 gave none. */
  jobRoleCode: string | undefined;
  permissions: readonly Permission[];
}

export function clinicianFromSession(session: ActiveSession): Clinician {
  return {
    sessionId: session.sessionId,
    sub: session.sub,
    roleProfileId: session.roleProfileId,
    orgCode: session.role?.orgCode ?? "",
    // Spine's partSDSRole/id (OID …2.1.104) takes the whole role_code, as CIS2 gives it (spine-lr.md §1.3, §2.3).
    jobRoleCode: session.role?.roleCode?.trim() || undefined,
    permissions: session.permissions,
  };
}

/** Route handlers get a thin RouteSession; the role snapshot comes from the same record. */
export async function clinicianForRoute(session: RouteSession | null): Promise<Clinician> {
  if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
  const active = await loadActiveSession(session.sessionId, { touch: false });
  if (!active) throw new AppError("unauthenticated", "Sign in to continue.");
  return clinicianFromSession(active);
}

export function can(clinician: Clinician, permission: Permission): boolean {
  return clinician.permissions.includes(permission);
}

/**
 * Spine needs the acting user's job role on every ControlActEvent/author (spine-lr.md §2.6
 * MANDATORY_FIELD_MISSING): without one from CIS2 nothing may be sent — one is never invented.
 */
export function lrContextFor(clinician: Clinician, log: Logger): LrContext {
  if (!clinician.jobRoleCode) {
    throw new AppError(
      "forbidden",
      "Your selected role has no job role in NHS CIS2, so Spine cannot be told who you are acting as. Choose another role or ask your registration authority.",
    );
  }
  return {
    userId: clinician.sub,
    roleProfileId: clinician.roleProfileId,
    orgCode: clinician.orgCode,
    jobRoleCode: clinician.jobRoleCode,
    sessionSub: clinician.sub,
    log,
  };
}
