import type { Permission } from "@/lib/rbac/permission-names";

/**
 * The header's navigation: one row per area, shown to roles with its permission (the server
 * decides which rows a user gets; each page and route still checks its own permission). Add an
 * area by adding a row here.
 */
export interface NavigationEntry {
  href: string;
  label: string;
  /** Shown when the role has ANY of these. */
  permissions: readonly Permission[];
  /** A live count shown beside the label (e.g. new alerts), fetched by the header. */
  badge?: "newAlerts";
  /** Only in training mode (the trainer's tools do not exist in live mode). */
  trainingOnly?: boolean;
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { href: "/patients", label: "Find a patient", permissions: ["lr.view"] },
  { href: "/batch-check", label: "Check a list", permissions: ["lr.view"] },
  { href: "/alerts", label: "Alerts", permissions: ["po.alerts"], badge: "newAlerts" },
  { href: "/workgroups", label: "Workgroups", permissions: ["workgroup.manage"] },
  { href: "/audit", label: "Audit trail", permissions: ["audit.view"] },
  { href: "/training", label: "Training console", permissions: ["training.admin"], trainingOnly: true },
];

export function navigationFor(permissions: readonly Permission[], mode: "training" | "live" = "training"): NavigationEntry[] {
  return NAVIGATION.filter(
    (entry) => (mode === "training" || !entry.trainingOnly) && entry.permissions.some((permission) => permissions.includes(permission)),
  );
}
