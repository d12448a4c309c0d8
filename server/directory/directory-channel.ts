import "server-only";
import { z } from "zod";

/**
 * NOTIFY channel raised by the database when a workgroup membership change becomes final as
 * confirmed (migration 0005's outbox trigger), on whichever instance or worker confirmed it. Every
 * app instance listens and drops what it remembers about that workgroup and that member.
 */
export const DIRECTORY_CHANGED_CHANNEL = "directory_changed";

const changeSchema = z.object({
  workgroupId: z.string().min(1),
  memberUserId: z.string().min(1).nullish(),
  memberRoleProfileId: z.string().min(1).nullish(),
});

export interface DirectoryChange {
  workgroupId: string;
  memberUserId?: string;
  memberRoleProfileId?: string;
}

export function parseDirectoryChange(payload: string): DirectoryChange | undefined {
  try {
    const parsed = changeSchema.safeParse(JSON.parse(payload));
    if (!parsed.success) return undefined;
    const { workgroupId, memberUserId, memberRoleProfileId } = parsed.data;
    return { workgroupId, ...(memberUserId ? { memberUserId } : {}), ...(memberRoleProfileId ? { memberRoleProfileId } : {}) };
  } catch {
    return undefined;
  }
}
