import "server-only";
import type { Logger } from "pino";
import { AppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/rbac/permission-names";
import { jobRoleCodeOf } from "@/lib/rbac/activity-expansion";
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
  jobRoleCode: string;
  permissions: readonly Permission[];
}

export function clinicianFromSession(session: ActiveSession): Clinician {
  return {
    sessionId: session.sessionId,
    sub: session.sub,
    roleProfileId: session.roleProfileId,
    orgCode: session.role?.orgCode ?? "",
    // Spine needs a job role on ControlActEvent/author; R8000 is the documented example when the snapshot lacks one.
    jobRoleCode: (session.role?.roleCode ? jobRoleCodeOf(session.role.roleCode) : undefined) ?? "R8000",
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

export function lrContextFor(clinician: Clinician, log: Logger): LrContext {
  return {
    userId: clinician.sub,
    roleProfileId: clinician.roleProfileId,
    orgCode: clinician.orgCode,
    jobRoleCode: clinician.jobRoleCode,
    sessionSub: clinician.sub,
    log,
  };
}
