import "server-only";
import type { HeaderAccount } from "@/lib/schemas/shell";
import { navigationFor } from "@/lib/ui/navigation";
import { config } from "@/server/config";
import { getPageSession } from "./page-session";
import { sessionLimits } from "./session-policy";

export interface ShellAccount {
  header: HeaderAccount;
  csrfToken?: string;
  /** For the idle-timeout warning dialog mounted by the layout. */
  idle: { idleTimeoutMs: number; warningMs: number };
}

/**
 * The signed-in user's name, role and organisation for the NHS header, from the session record.
 * Log out is a POST form; its CSRF defence is the wrapper's Origin check, so no token is needed.
 */
export async function getHeaderAccount(): Promise<ShellAccount | undefined> {
  const session = await getPageSession();
  if (!session) return undefined;
  const role = session.role;
  const limits = sessionLimits();
  return {
    header: {
      userName: role?.userName ?? session.sub,
      roleName: role?.roleName ?? role?.roleCode ?? "Role",
      organisationName: role?.orgName ?? role?.orgCode ?? "",
      navigation: navigationFor(session.permissions, config().LR_MODE).map(({ href, label, badge }) => ({
        href,
        label,
        ...(badge ? { badge } : {}),
      })),
    },
    idle: { idleTimeoutMs: limits.idleTimeoutMs, warningMs: limits.warningMs },
  };
}
