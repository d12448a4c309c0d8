import "server-only";
import { z } from "zod";
import {
  type DirectoryConfig,
  ODS_ORGANISATION_CODE_SYSTEM,
  SDS_ROLE_PROFILE_ID_SYSTEM,
  SDS_USER_ID_SYSTEM,
} from "@/lib/config/directory-config";
import { AppError } from "@/lib/errors/app-error";

/**
 * The SDS directory over HTTP (FHIR R4 searches by SDS identifiers; lib/config/directory-config.ts
 * says which). Every failure — unreachable, timed out, an unexpected status or body — is one
 * AppError("upstream_unavailable") that names the directory, never an empty answer.
 */

const PRACTITIONERS_PER_SEARCH = 50;

const identifier = z.object({ system: z.string().optional(), value: z.string().optional() });
const reference = z.object({ reference: z.string().optional(), identifier: identifier.optional(), display: z.string().optional() });
const humanName = z.object({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});

const practitioner = z.object({
  resourceType: z.literal("Practitioner"),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
});

const practitionerRole = z.object({
  resourceType: z.literal("PractitionerRole"),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  practitioner: reference.optional(),
  organization: reference.optional(),
  code: z.array(z.object({ coding: z.array(z.object({ code: z.string().optional() })).optional() })).optional(),
});

const group = z.object({
  resourceType: z.literal("Group"),
  id: z.string(),
  active: z.boolean().optional(),
  name: z.string().optional(),
  managingEntity: reference.optional(),
  quantity: z.number().optional(),
  contained: z.array(z.unknown()).optional(),
  member: z.array(z.object({ entity: reference })).optional(),
});

const searchBundle = z.object({
  resourceType: z.literal("Bundle"),
  entry: z.array(z.object({ resource: z.unknown() })).optional(),
});

export interface DirectoryWorkgroup {
  workgroupId: string;
  name?: string;
  active: boolean;
  orgCode?: string;
  orgName?: string;
  memberCount?: number;
}

export interface DirectoryMember {
  roleProfileId: string;
  userId: string;
  userName?: string;
  orgCode?: string;
  orgName?: string;
  jobRoleCode?: string;
}

function unavailable(detail: string, cause?: unknown): AppError {
  return new AppError("upstream_unavailable", `The SDS directory could not be read (${detail}).`, { retryable: true, cause });
}

function identifierValue(identifiers: z.infer<typeof identifier>[] | undefined, system: string): string | undefined {
  return identifiers?.find((id) => id.system === system)?.value;
}

function nameOf(names: z.infer<typeof humanName>[] | undefined): string | undefined {
  const name = names?.[0];
  if (!name) return undefined;
  const built = [...(name.given ?? []), name.family].filter(Boolean).join(" ");
  return (name.text ?? built).trim() || undefined;
}

export class DirectoryClient {
  constructor(private readonly config: Pick<DirectoryConfig, "baseUrl" | "apiKey" | "timeoutMs">) {}

  private async get(path: string): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${this.config.baseUrl}${path}`, {
        headers: {
          accept: "application/fhir+json",
          "x-request-id": crypto.randomUUID(),
          ...(this.config.apiKey ? { apikey: this.config.apiKey } : {}),
        },
        signal: AbortSignal.timeout(this.config.timeoutMs),
        cache: "no-store",
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw unavailable(timedOut ? "no answer in time" : "not reachable", error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    return { status: response.status, body };
  }

  private async search(path: string): Promise<unknown[]> {
    const { status, body } = await this.get(path);
    if (status !== 200) throw unavailable(`status ${status}`);
    const parsed = searchBundle.safeParse(body);
    if (!parsed.success) throw unavailable("unexpected answer");
    return (parsed.data.entry ?? []).map((entry) => entry.resource);
  }

  /** Names of the users the directory knows (an id it does not know is simply absent). */
  async userNames(userIds: readonly string[]): Promise<Map<string, string | undefined>> {
    const names = new Map<string, string | undefined>();
    const unique = [...new Set(userIds)];
    for (let start = 0; start < unique.length; start += PRACTITIONERS_PER_SEARCH) {
      const chunk = unique.slice(start, start + PRACTITIONERS_PER_SEARCH);
      const tokens = chunk.map((id) => `${SDS_USER_ID_SYSTEM}|${id}`).join(",");
      for (const resource of await this.search(`/Practitioner?identifier=${encodeURIComponent(tokens)}`)) {
        const parsed = practitioner.safeParse(resource);
        if (!parsed.success) continue;
        const userId = identifierValue(parsed.data.identifier, SDS_USER_ID_SYSTEM) ?? parsed.data.id;
        if (userId && chunk.includes(userId)) names.set(userId, nameOf(parsed.data.name));
      }
    }
    return names;
  }

  /** The workgroups an organisation (ODS code) manages. */
  async organisationWorkgroups(orgCode: string): Promise<DirectoryWorkgroup[]> {
    const token = `${ODS_ORGANISATION_CODE_SYSTEM}|${orgCode}`;
    const resources = await this.search(`/Group?${new URLSearchParams({ "managing-entity:identifier": token })}`);
    return resources.flatMap((resource) => {
      const parsed = group.safeParse(resource);
      return parsed.success ? [workgroupOf(parsed.data)] : [];
    });
  }

  /** One workgroup and its members, or undefined when the directory does not know it. */
  async workgroup(workgroupId: string): Promise<{ workgroup: DirectoryWorkgroup; members: DirectoryMember[] } | undefined> {
    const { status, body } = await this.get(`/Group/${encodeURIComponent(workgroupId)}`);
    if (status === 404) return undefined;
    if (status !== 200) throw unavailable(`status ${status}`);
    const parsed = group.safeParse(body);
    if (!parsed.success || parsed.data.id !== workgroupId) throw unavailable("unexpected answer");
    const contained = new Map<string, z.infer<typeof practitionerRole>>();
    for (const resource of parsed.data.contained ?? []) {
      const role = practitionerRole.safeParse(resource);
      if (role.success && role.data.id) contained.set(`#${role.data.id}`, role.data);
    }
    const members = (parsed.data.member ?? []).flatMap((member): DirectoryMember[] => {
      const role = contained.get(member.entity.reference ?? "");
      const roleProfileId = identifierValue(role?.identifier, SDS_ROLE_PROFILE_ID_SYSTEM);
      const userId = role?.practitioner?.identifier?.system === SDS_USER_ID_SYSTEM ? role.practitioner.identifier.value : undefined;
      if (!role || !roleProfileId || !userId) return [];
      const jobRoleCode = role.code?.[0]?.coding?.[0]?.code;
      return [
        {
          roleProfileId,
          userId,
          ...(role.practitioner?.display ? { userName: role.practitioner.display } : {}),
          ...(role.organization?.identifier?.value ? { orgCode: role.organization.identifier.value } : {}),
          ...(role.organization?.display ? { orgName: role.organization.display } : {}),
          ...(jobRoleCode ? { jobRoleCode } : {}),
        },
      ];
    });
    return { workgroup: workgroupOf(parsed.data), members };
  }
}

function workgroupOf(resource: z.infer<typeof group>): DirectoryWorkgroup {
  const orgCode =
    resource.managingEntity?.identifier?.system === ODS_ORGANISATION_CODE_SYSTEM ? resource.managingEntity.identifier.value : undefined;
  return {
    workgroupId: resource.id,
    ...(resource.name ? { name: resource.name } : {}),
    active: resource.active ?? true,
    ...(orgCode ? { orgCode } : {}),
    ...(resource.managingEntity?.display ? { orgName: resource.managingEntity.display } : {}),
    ...(resource.quantity !== undefined ? { memberCount: resource.quantity } : {}),
  };
}
