import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { personas } from "@/lib/personas";
import { PERMISSIONS, type Permission } from "@/lib/rbac/permission-names";
import { decideRolePermissions } from "@/lib/rbac/role-permissions";

/**
 * The RBAC matrix, generated from the route handlers that actually exist: every
 * app/api/**\/route.ts is imported and every exported HTTP method must carry `routeMeta` with a
 * declared access. Then every (route, method) × (no session, each persona role) cell is driven
 * with a real Request and a real session record in an in-memory store, and must answer as the
 * permission map says: 401 without a session, 403 (access refusal) without the permission,
 * and past the access check with it. State changes are also tried cross-origin (403).
 */

const APP_BASE_URL = "http://127.0.0.1:3999";
const UNREACHABLE = "http://127.0.0.1:9"; // discard port: upstream calls fail fast instead of hanging
Object.assign(process.env, {
  APP_BASE_URL,
  SESSION_PASSWORD: "rbac-matrix-session-password-0123456789abcdef",
  APP_DB_IN_MEMORY: "1",
  LOG_LEVEL: "silent",
  SPINE_BASE_URL: UNREACHABLE,
  PDS_BASE_URL: `${UNREACHABLE}/personal-demographics/FHIR/R4`,
  SPINE_ASYNC_WAIT_MS: "0",
  CIS2_ISSUER: `${UNREACHABLE}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare`,
});

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ACCESS_REFUSED_MESSAGE = "Your selected role cannot do this. Change role if you have another.";
const CELL_TIMEOUT_MS = 15_000;

type Access = { permission: Permission } | { signedIn: true } | { public: string };
type Handler = ((request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  routeMeta?: { access?: Access };
};

const { listRouteFiles, absoluteRouteFile } = await import("@/server/auth/testing/route-files");
const routeFiles = listRouteFiles();

interface RouteMethod {
  label: string;
  path: string;
  params: Record<string, string>;
  method: (typeof HTTP_METHODS)[number];
  handler: Handler;
}

/** Plausible values for dynamic segments: the access check must run before any lookup. */
function paramValue(name: string): string {
  if (/nhs/i.test(name)) return syntheticNhsNumber(17);
  if (/workgroup|role|user|sub/i.test(name)) return "900000000501";
  return randomUUID().toUpperCase();
}

const routeMethods: RouteMethod[] = [];
const undeclared: string[] = [];
for (const route of routeFiles) {
  const mod = (await import(absoluteRouteFile(route))) as Record<string, unknown>;
  const params = Object.fromEntries(route.params.map((name) => [name, paramValue(name)]));
  const path = route.params.reduce(
    (p, name) => p.replace(new RegExp(`\\[(\\.\\.\\.)?${name}\\]`), encodeURIComponent(params[name] ?? "")),
    route.pattern,
  );
  for (const method of HTTP_METHODS) {
    const handler = mod[method];
    if (typeof handler !== "function") continue;
    const typed = handler as Handler;
    if (!typed.routeMeta?.access) undeclared.push(`${method} ${route.pattern}`);
    routeMethods.push({ label: `${method} ${route.pattern}`, path, params, method, handler: typed });
  }
}

interface Principal {
  label: string;
  permissions: Permission[];
  cookie?: string;
}

const { getDb } = await import("@/server/db/client");
const { createSession } = await import("@/server/db/sessions");
const { sessionCookieHeader } = await import("@/server/auth/session-cookie");

async function principalFor(sub: string, roleProfileId: string, permissions: Permission[], label: string): Promise<Principal> {
  const { db } = await getDb();
  const session = await createSession(db, {
    sub,
    sid: `sid-${randomUUID()}`,
    selectedRoleId: roleProfileId,
    roleSnapshot: { roleProfileId, orgCode: "ZZH", activityCodes: [] },
    permissions,
    expiresAt: new Date(Date.now() + 12 * 3_600_000),
  });
  const setCookie = await sessionCookieHeader(session.id);
  return { label, permissions, cookie: setCookie.split(";")[0] };
}

const principals: Principal[] = [{ label: "no session", permissions: [] }];
for (const persona of personas) {
  for (const role of persona.roles) {
    const { permissions } = decideRolePermissions({ roleCode: role.role_code, activityCodes: role.activity_codes });
    principals.push(
      await principalFor(
        persona.uid,
        role.person_roleid,
        permissions,
        `${persona.given_name} ${persona.family_name} / ${role.person_roleid}`,
      ),
    );
  }
}
// A signed-in user whose role maps to nothing (like a zero-permission role) and one with every permission.
principals.push(await principalFor("900000000099", "900000000999", [], "signed in, no permissions"));
principals.push(await principalFor("900000000098", "900000000998", [...PERMISSIONS], "signed in, every permission"));

function requestFor(cell: RouteMethod, principal: Principal, origin: string): Request {
  const headers = new Headers({ "x-request-id": `rbac-${randomUUID()}` });
  if (principal.cookie) headers.set("cookie", principal.cookie);
  if (!SAFE_METHODS.has(cell.method)) {
    headers.set("origin", origin);
    headers.set("content-type", "application/json");
  }
  return new Request(new URL(cell.path, APP_BASE_URL), {
    method: cell.method,
    headers,
    ...(SAFE_METHODS.has(cell.method) ? {} : { body: "{}" }),
  });
}

async function call(
  cell: RouteMethod,
  principal: Principal,
  origin = APP_BASE_URL,
): Promise<{ status: number; code?: string; message?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${cell.label} did not answer within ${CELL_TIMEOUT_MS} ms`)), CELL_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([
      cell.handler(requestFor(cell, principal, origin), { params: Promise.resolve(cell.params) }),
      timeout,
    ]);
    const text = await response.text();
    let body: { error?: { code?: string; message?: string } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON (e.g. a redirect or XML): only the status matters
    }
    return { status: response.status, code: body.error?.code, message: body.error?.message };
  } finally {
    clearTimeout(timer);
  }
}

function allowed(access: Access, principal: Principal): boolean {
  if ("public" in access) return true;
  if (!principal.cookie) return false;
  return "permission" in access ? principal.permissions.includes(access.permission) : true;
}

describe("every route handler declares its access", () => {
  it("finds the route handlers (sanity: the glob works)", () => {
    expect(routeMethods.map((cell) => cell.label)).toEqual(expect.arrayContaining(["GET /api/health", "POST /api/auth/logout"]));
  });

  it("no exported method lacks routeMeta.access", () => {
    expect(undeclared).toEqual([]);
  });

  it.each(routeMethods.map((cell) => [cell.label, cell] as const))("%s declares exactly one valid access", (_label, cell) => {
    const access = cell.handler.routeMeta?.access as Record<string, unknown> | undefined;
    expect(access).toBeDefined();
    const kinds = Object.keys(access ?? {});
    expect(kinds).toHaveLength(1);
    if (access && "permission" in access) expect(PERMISSIONS).toContain(access.permission);
    if (access && "signedIn" in access) expect(access.signedIn).toBe(true);
    if (access && "public" in access) expect(String(access.public).trim().length).toBeGreaterThan(10);
  });
});

const gated = routeMethods.filter((cell) => cell.handler.routeMeta?.access && !("public" in cell.handler.routeMeta.access));

describe.concurrent.each(gated.map((cell) => [cell.label, cell] as const))("%s", (_label, cell) => {
  const access = cell.handler.routeMeta?.access as Access;

  it.each(principals.map((principal) => [principal.label, principal] as const))("as %s", async (_who, principal) => {
    const result = await call(cell, principal);
    if (!principal.cookie) {
      expect(result.status, "no session").toBe(401);
      expect(result.code).toBe("unauthenticated");
    } else if (allowed(access, principal)) {
      expect(result.status, `past the access check: ${result.code} ${result.message}`).not.toBe(401);
      expect(result.status === 403 && result.message === ACCESS_REFUSED_MESSAGE, "refused despite the permission").toBe(false);
    } else {
      expect(result.status).toBe(403);
      expect(result.message).toBe(ACCESS_REFUSED_MESSAGE);
    }
  });

  if (!SAFE_METHODS.has(cell.method)) {
    it("refuses a cross-origin request from a permitted user", async () => {
      const permitted = principals.find((principal) => principal.cookie && allowed(access, principal));
      expect(permitted).toBeDefined();
      const result = await call(cell, permitted as Principal, "https://evil.example");
      expect(result.status).toBe(403);
      expect(result.message).not.toBe(ACCESS_REFUSED_MESSAGE);
    });
  }
});
