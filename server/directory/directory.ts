import "server-only";
import type { DirectoryConfig } from "@/lib/config/directory-config";
import { directoryConfig } from "@/server/config";
import { queryWorkgroups } from "@/server/lr/interactions/query-workgroups";
import { type LrContext, runtimeOf } from "@/server/lr/lr-context";
import { BoundedCache } from "./bounded-cache";
import type { DirectoryChange } from "./directory-channel";
import { DirectoryClient, type DirectoryMember, type DirectoryWorkgroup } from "./directory-client";
import { listenForDirectoryChanges, onDirectoryChange } from "./directory-invalidation";

/**
 * Names, not ids: who a user id and what a workgroup id is, for every page that shows them.
 *   - workgroup names over Spine (the workgroup query, QUPC_IN041234UK01, carries WGN names);
 *   - people's names, workgroup members and an organisation's workgroups from the SDS directory
 *     (directory-client.ts), because no Spine SDS message carries them.
 * Answers are cached (bounded in size and time, BoundedCache) and forgotten on every instance when
 * a workgroup's membership changes (directory-invalidation.ts). A failed look-up is reported as
 * `failed` with the names it could find; callers show "Name not available" and say why — never a
 * wrong name and never a thrown error that hides the rest of the page.
 */

export interface NameLookup {
  /** The names found; an id absent here is shown as "Name not available". */
  names: ReadonlyMap<string, string>;
  /** A look-up failed (the directory or Spine could not answer): the page must say so. */
  failed: boolean;
}

export interface WorkgroupWithMembers {
  workgroup: DirectoryWorkgroup;
  members: DirectoryMember[];
}

/** The workgroup query takes up to 500 ids (docs/domain.md §1.2). */
const WORKGROUPS_PER_QUERY = 500;

export class Directory {
  private readonly client: DirectoryClient;
  private readonly userCache: BoundedCache<{ name?: string }>;
  private readonly workgroupNameCache: BoundedCache<{ name?: string }>;
  private readonly workgroupCache: BoundedCache<WorkgroupWithMembers | null>;
  private readonly organisationCache: BoundedCache<DirectoryWorkgroup[]>;

  constructor(config: Pick<DirectoryConfig, "baseUrl" | "apiKey" | "timeoutMs" | "cache">, now: () => number = Date.now) {
    this.client = new DirectoryClient(config);
    this.userCache = new BoundedCache(config.cache, now);
    this.workgroupNameCache = new BoundedCache(config.cache, now);
    this.workgroupCache = new BoundedCache(config.cache, now);
    this.organisationCache = new BoundedCache(config.cache, now);
  }

  /** People's names from the directory (cached; unknown ids are remembered as unknown too). */
  async userNames(userIds: readonly string[]): Promise<NameLookup> {
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(userIds)) {
      const hit = this.userCache.get(id);
      if (!hit) missing.push(id);
      else if (hit.name) names.set(id, hit.name);
    }
    if (missing.length === 0) return { names, failed: false };
    try {
      const found = await this.client.userNames(missing);
      for (const id of missing) {
        const name = found.get(id);
        this.userCache.set(id, name ? { name } : {});
        if (name) names.set(id, name);
      }
      return { names, failed: false };
    } catch {
      return { names, failed: true };
    }
  }

  /** Workgroup names over Spine's workgroup query, as the acting user (cached). */
  async workgroupNames(ctx: LrContext, workgroupIds: readonly string[]): Promise<NameLookup> {
    const names = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(workgroupIds)) {
      const hit = this.workgroupNameCache.get(id);
      if (!hit) missing.push(id);
      else if (hit.name) names.set(id, hit.name);
    }
    let failed = false;
    for (let start = 0; start < missing.length; start += WORKGROUPS_PER_QUERY) {
      const chunk = missing.slice(start, start + WORKGROUPS_PER_QUERY);
      try {
        const { workgroups } = await queryWorkgroups(ctx, { workgroupIds: chunk });
        for (const id of chunk) {
          const name = workgroups.find((workgroup) => workgroup.workgroupId === id)?.name;
          this.workgroupNameCache.set(id, name ? { name } : {});
          if (name) names.set(id, name);
        }
      } catch (error) {
        ctx.log.warn({ err: error }, "could not look up workgroup names with Spine");
        failed = true;
      }
    }
    return { names, failed };
  }

  /** A workgroup and its members from the directory; undefined when it does not know the workgroup. Throws when it cannot answer. */
  async workgroup(workgroupId: string): Promise<WorkgroupWithMembers | undefined> {
    const hit = this.workgroupCache.get(workgroupId);
    if (hit !== undefined) return hit ?? undefined;
    const found = await this.client.workgroup(workgroupId);
    this.workgroupCache.set(workgroupId, found ?? null);
    for (const member of found?.members ?? []) if (member.userName) this.userCache.set(member.userId, { name: member.userName });
    return found;
  }

  /** An organisation's workgroups from the directory. Throws when it cannot answer. */
  async organisationWorkgroups(orgCode: string): Promise<DirectoryWorkgroup[]> {
    const hit = this.organisationCache.get(orgCode);
    if (hit) return hit;
    const found = await this.client.organisationWorkgroups(orgCode);
    this.organisationCache.set(orgCode, found);
    for (const workgroup of found) if (workgroup.name) this.workgroupNameCache.set(workgroup.workgroupId, { name: workgroup.name });
    return found;
  }

  /** A membership changed: its member list and every organisation's member counts are out of date. */
  forget(change: DirectoryChange): void {
    this.workgroupCache.delete(change.workgroupId);
    this.organisationCache.clear();
  }
}

let shared: Directory | undefined;
let unsubscribe: (() => void) | undefined;

/** The process's directory (from DIRECTORY_* configuration); tests may put their own in place. */
export function directory(): Directory {
  if (!shared) setDirectory(new Directory(directoryConfig()));
  return shared as Directory;
}

export function setDirectory(next: Directory | undefined): void {
  unsubscribe?.();
  unsubscribe = undefined;
  shared = next;
  if (next) unsubscribe = onDirectoryChange((change) => next.forget(change));
}

/** The directory, with this process listening for membership changes on the context's store. */
export async function directoryFor(ctx: LrContext): Promise<Directory> {
  await listenForDirectoryChanges((await runtimeOf(ctx)).store);
  return directory();
}
