/**
 * Who may change an LR's status, decided from data (status-change-scope.json): pure, so the
 * server's refusal and the page's offer of the action come from the same rule.
 */
import { z } from "zod";
import { isPermission, type Permission } from "./permission-names";
import rawScope from "./status-change-scope.json";

export const HOLDER_RELATIONS = ["self", "ownWorkgroup", "sameOrganisation"] as const;
export type HolderRelation = (typeof HOLDER_RELATIONS)[number];

export interface ScopeRule {
  holder: HolderRelation;
  permission: Permission;
  description: string;
}

export function parseStatusChangeScope(raw: unknown): readonly ScopeRule[] {
  const parsed = z
    .object({
      rules: z
        .array(
          z.object({
            holder: z.enum(HOLDER_RELATIONS),
            permission: z.string().refine(isPermission, "unknown permission"),
            description: z.string(),
          }),
        )
        .min(1),
    })
    .parse(raw);
  return parsed.rules as ScopeRule[];
}

export const STATUS_CHANGE_RULES: readonly ScopeRule[] = parseStatusChangeScope(rawScope);

/** Who holds the LR; `orgCode` when known (a workgroup's organisation, or the holder's role profile's). */
export type LrHolder =
  | { kind: "user"; userId: string; roleProfileId: string; orgCode?: string }
  | { kind: "workgroup"; workgroupId: string; orgCode?: string }
  | { kind: "other"; orgCode?: string };

export interface Changer {
  userId: string;
  orgCode: string;
  permissions: readonly Permission[];
  /** The workgroups the changer's role belongs to (needed only for workgroup holders). */
  workgroupIds: readonly string[];
}

function relationHolds(relation: HolderRelation, changer: Changer, holder: LrHolder): boolean {
  switch (relation) {
    case "self":
      return holder.kind === "user" && holder.userId === changer.userId;
    case "ownWorkgroup":
      return holder.kind === "workgroup" && changer.workgroupIds.includes(holder.workgroupId);
    case "sameOrganisation":
      return holder.orgCode !== undefined && holder.orgCode !== "" && holder.orgCode === changer.orgCode;
  }
}

/** The first rule that lets the changer change this holder's LR, or undefined (refused). */
export function statusChangeRule(
  changer: Changer,
  holder: LrHolder,
  rules: readonly ScopeRule[] = STATUS_CHANGE_RULES,
): ScopeRule | undefined {
  return rules.find((rule) => changer.permissions.includes(rule.permission) && relationHolds(rule.holder, changer, holder));
}

/** Whether knowing the holder's organisation could matter: some rule the changer has depends on it. */
export function organisationMatters(changer: Pick<Changer, "permissions">, rules: readonly ScopeRule[] = STATUS_CHANGE_RULES): boolean {
  return rules.some((rule) => rule.holder === "sameOrganisation" && changer.permissions.includes(rule.permission));
}
