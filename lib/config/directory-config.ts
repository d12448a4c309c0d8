import { z } from "zod";

/**
 * Where LR Manager looks up people's and workgroups' names and workgroup membership (the SDS
 * directory), and how long it remembers answers. Read from the environment map the BFF's config
 * module hands over (server/config.ts `directoryConfig()`); no I/O here.
 *
 * Spine's SDS messages carry workgroup names (QUPC_IN041234UK01 → REPC_IN130007UK01) but no
 * person's name and no workgroup's member list (REPC_MT130002UK01 PersonSDS holds only an id), so
 * those come from a directory endpoint that answers FHIR R4 searches by SDS identifiers:
 *   GET {DIRECTORY_BASE_URL}/Practitioner?identifier=https://fhir.nhs.uk/Id/sds-user-id|{uid},…
 *   GET {DIRECTORY_BASE_URL}/Group?managing-entity:identifier=https://fhir.nhs.uk/Id/ods-organization-code|{ods}
 *   GET {DIRECTORY_BASE_URL}/Group/{workgroupId}
 * Training: the Spine simulator answers them from its SDS registry (default: beside SPINE_BASE_URL).
 * Live: set DIRECTORY_BASE_URL (https) to the deployment's SDS directory gateway, and
 * DIRECTORY_API_KEY when it wants one — configuration only, no code changes.
 */

export const DIRECTORY_FHIR_PATH = "/directory/FHIR/R4";
export const SDS_USER_ID_SYSTEM = "https://fhir.nhs.uk/Id/sds-user-id";
export const SDS_ROLE_PROFILE_ID_SYSTEM = "https://fhir.nhs.uk/Id/sds-role-profile-id";
export const ODS_ORGANISATION_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
/** No NHS FHIR system is published for SDS workgroup ids (INFERRED): the HL7 root Spine uses for them (docs/domain.md §2.1). */
export const SDS_WORKGROUP_ID_SYSTEM = "urn:oid:1.2.826.0.1285.0.2.0.109";

const schema = z.object({
  LR_MODE: z.enum(["training", "live"]).default("training"),
  SPINE_BASE_URL: z.url().default("http://127.0.0.1:4100"),
  DIRECTORY_BASE_URL: z.url().optional(),
  DIRECTORY_API_KEY: z.string().min(1).optional(),
  DIRECTORY_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DIRECTORY_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(5_000),
  DIRECTORY_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
});

export interface DirectoryConfig {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  cache: { maxEntries: number; ttlMs: number };
}

export function loadDirectoryConfig(env: Readonly<Record<string, string | undefined>>): DirectoryConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid directory configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.LR_MODE === "live") {
    if (!c.DIRECTORY_BASE_URL) throw new Error("DIRECTORY_BASE_URL must name this deployment's SDS directory in live mode");
    if (new URL(c.DIRECTORY_BASE_URL).protocol !== "https:") throw new Error("DIRECTORY_BASE_URL must be https in live mode");
  }
  const baseUrl = (c.DIRECTORY_BASE_URL ?? `${new URL(c.SPINE_BASE_URL).origin}${DIRECTORY_FHIR_PATH}`).replace(/\/$/, "");
  return {
    baseUrl,
    ...(c.DIRECTORY_API_KEY ? { apiKey: c.DIRECTORY_API_KEY } : {}),
    timeoutMs: c.DIRECTORY_TIMEOUT_MS,
    cache: { maxEntries: c.DIRECTORY_CACHE_MAX_ENTRIES, ttlMs: c.DIRECTORY_CACHE_TTL_SECONDS * 1000 },
  };
}
