import { randomUUID } from "node:crypto";
import type { Permission } from "@/lib/rbac/permission-names";

/**
 * Calling real route handlers in-process, as Next would: a session record in the app's store, its
 * sealed cookie, and a same-origin Request. Import after the test has set its environment (the
 * store and the session password are read on first use).
 */
export type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteAnswer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
}

export async function sessionCookieFor(user: {
  sub: string;
  roleProfileId: string;
  permissions: readonly Permission[];
  activityCodes?: string[];
  userName?: string;
}): Promise<string> {
  const { getDb } = await import("@/server/db/client");
  const { createSession } = await import("@/server/db/sessions");
  const { sessionCookieHeader } = await import("@/server/auth/session-cookie");
  // The display name rides in the same snapshot (server/auth/session-record.ts SessionRole).
  const roleSnapshot = {
    roleProfileId: user.roleProfileId,
    orgCode: "ZZH",
    activityCodes: user.activityCodes ?? [],
    ...(user.userName ? { userName: user.userName } : {}),
  };
  const { db } = await getDb();
  const session = await createSession(db, {
    sub: user.sub,
    sid: `sid-${randomUUID()}`,
    selectedRoleId: user.roleProfileId,
    roleSnapshot,
    permissions: [...user.permissions],
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return (await sessionCookieHeader(session.id)).split(";")[0]!;
}

export async function callRoute(
  handler: unknown,
  request: { appBaseUrl: string; cookie: string; method: string; path: string; body?: unknown; params?: Record<string, string> },
): Promise<RouteAnswer> {
  const headers = new Headers({ cookie: request.cookie, origin: request.appBaseUrl });
  if (request.body !== undefined) headers.set("content-type", "application/json");
  const response = await (handler as RouteHandler)(
    new Request(new URL(request.path, request.appBaseUrl), {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    }),
    { params: Promise.resolve(request.params ?? {}) },
  );
  return { status: response.status, json: (await response.json().catch(() => ({}))) as RouteAnswer["json"] };
}
