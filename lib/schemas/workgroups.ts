import { z } from "zod";
import type { UiError } from "./api-error";
import { FREE_TEXT_MAX } from "./lr";
import type { WorkgroupChange } from "./workgroup-change";

/**
 * Role profiles and workgroups: the API contract of "My role profiles" and the workgroup pages
 * (request schemas, shared by the browser and the route handlers, and the wire types they answer).
 * SDS ids (users, role profiles, workgroups) are at most 12 characters (docs/domain.md §2.1).
 */

export const userIdSchema = z
  .string({ error: "Enter a user ID" })
  .trim()
  .min(1, "Enter a user ID")
  .regex(/^\d{1,12}$/, "User ID must be up to 12 digits");

export const workgroupIdSchema = z
  .string({ error: "Enter a workgroup ID" })
  .trim()
  .min(1, "Enter a workgroup ID")
  .regex(/^\d{1,12}$/, "Workgroup ID must be up to 12 digits");

export const roleProfileIdSchema = z
  .string({ error: "Select the role profile" })
  .trim()
  .regex(/^[0-9A-Za-z]{1,12}$/, "Select the role profile");

export const workgroupParams = z.object({ workgroupId: workgroupIdSchema });
export const userParams = z.object({ userId: userIdSchema });

/** Adding or removing a member: who (user and role profile), why, and one key per set of answers. */
export const workgroupMemberChangeInput = z.object({
  userId: userIdSchema,
  roleProfileId: roleProfileIdSchema,
  reason: z
    .string({ error: "Enter why you are making this change" })
    .trim()
    .min(1, "Enter why you are making this change")
    .max(FREE_TEXT_MAX, `Reason must be ${FREE_TEXT_MAX} characters or fewer`),
  idempotencyKey: z.uuid(),
});
export type WorkgroupMemberChangeInput = z.infer<typeof workgroupMemberChangeInput>;

/** One role profile, as CIS2 or Spine describes it, ready to show. */
export interface RoleProfileView {
  roleProfileId: string;
  organisationCode?: string;
  organisationName: string;
  /** The R code, when there is one. */
  jobRoleCode?: string;
  jobRoleName: string;
  workgroups: { workgroupId: string; name: string }[];
}

/** A plain-English difference between what CIS2 gave at sign-in and what Spine's SDS holds. */
export interface RoleProfileDifference {
  roleProfileId: string;
  kind: "notInSpine" | "notInCis2" | "organisation" | "jobRole" | "workgroupOnlyInSpine" | "workgroupOnlyInCis2";
  text: string;
}

/** GET /api/me/role-profiles. */
export interface MyRoleProfiles {
  userId: string;
  selectedRoleProfileId: string;
  cis2: RoleProfileView[];
  /** Spine's answer, or why it could not be asked / did not answer. */
  spine: { state: "answered"; profiles: RoleProfileView[]; reference: string } | { state: "unavailable"; problem: UiError };
  /** Empty when both agree, or when Spine did not answer. */
  differences: RoleProfileDifference[];
}

export interface WorkgroupSummary {
  workgroupId: string;
  name: string;
  nameAvailable: boolean;
  statusName?: string;
  memberCount?: number;
}

/** GET /api/workgroups: the workgroups of the signed-in role's organisation. */
export interface OrganisationWorkgroups {
  organisationCode: string;
  workgroups: WorkgroupSummary[];
}

export interface WorkgroupMember {
  userId: string;
  /** The directory's name, or "Name not available (…)". */
  userName: string;
  roleProfileId: string;
  jobRoleName: string;
  organisationName?: string;
}

/** GET /api/workgroups/{id}: the workgroup as Spine knows it, its members from the directory. */
export interface WorkgroupDetails extends WorkgroupSummary {
  typeName?: string;
  organisationCode?: string;
  organisationName?: string;
  /** Members, or why the directory could not list them. */
  members: { state: "listed"; members: WorkgroupMember[] } | { state: "unavailable"; problem: UiError };
  /** Whether the signed-in role may add and remove members (a workgroup of its own organisation). */
  mayManage: boolean;
  /** Spine message id of the workgroup query. */
  reference: string;
}

/** GET /api/directory/users/{userId}: a user to add, with the role profiles SDS holds for them. */
export interface UserLookup {
  userId: string;
  userName: string;
  nameAvailable: boolean;
  roleProfiles: RoleProfileView[];
  reference: string;
}

/** What an add or remove answers: Spine's confirmation (and whether anything changed), or pending to poll. */
export type WorkgroupChangeResponse =
  | { state: "confirmed"; change: WorkgroupChange; reference: string }
  | { state: "pending"; operationId: string; reference: string };

// In a module without zod, so the browser's outcome code does not load zod with it.
export { type WorkgroupChange, workgroupChangeOf } from "./workgroup-change";
