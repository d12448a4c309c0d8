import "server-only";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/rbac/permission-names";
import { AUTH_AUDIT_ACTIONS, auditAuthEvent } from "@/server/auth/auth-audit";
import { type RouteSession, resolveRouteSession } from "@/server/auth/route-session";
import { isSameOriginBrowserRequest } from "@/server/auth/same-origin";
import { requestLogger } from "@/server/log/logger";

/**
 * The one way into the BFF. Every route handler is `withRoute(handler, options)`:
 *   session → permission → same-origin check for state changes → body cap + zod input → handler,
 * with every thrown error mapped to a status and a JSON body that never leaks internals.
 */

/** Who may call a route: a permission, any signed-in user, or anyone (health, sign-in, inbound Spine). */
export type RouteAccess = { permission: Permission } | { signedIn: true } | { public: string };

export interface RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: RouteAccess;
  body?: B;
  query?: Q;
  /** How the body arrives; JSON unless a standard says otherwise (logout tokens are form-encoded). */
  bodyFormat?: "json" | "form" | "text";
  maxBodyBytes?: number;
  /** Skip the same-origin check: only for server-to-server callers (Spine inbound, back-channel logout). */
  crossOriginAllowed?: string;
  /** Authenticates a server-to-server caller from its headers before the body is read (throws AppError). */
  callerCheck?: (request: Request) => void;
}

export interface RouteContext<B, Q> {
  request: Request;
  requestId: string;
  session: RouteSession | null;
  body: B;
  query: Q;
  params: Record<string, string>;
  log: ReturnType<typeof requestLogger>;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteMeta {
  access: RouteAccess;
}

export type RouteHandler = ((request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  routeMeta: RouteMeta;
};

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function withRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<Response | unknown>,
  options: RouteOptions<B, Q>,
): RouteHandler {
  const wrapped = async (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
    const log = requestLogger(requestId);
    try {
      const stateChanging = !SAFE_METHODS.has(request.method);
      const session = await resolveRouteSession(request);
      await checkAccess(options.access, session, request, requestId);
      // State changes must come from our own pages (Origin, or Sec-Fetch-Site for form posts).
      if (stateChanging && !options.crossOriginAllowed && !isSameOriginBrowserRequest(request)) {
        throw new AppError("forbidden", "This request did not come from LR Manager.");
      }
      options.callerCheck?.(request);
      const rawParams = ctx?.params ? await ctx.params : {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const query = options.query ? parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const body = options.body
        ? parseInput(options.body, await readBody(request, options.bodyFormat ?? "json", options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
        : undefined;
      const result = await handler({
        request,
        requestId,
        session,
        body: body as Infer<B>,
        query: query as Infer<Q>,
        params,
        log,
      });
      const response = result instanceof Response ? result : Response.json(result ?? { ok: true });
      response.headers.set("x-request-id", requestId);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  };
  return Object.assign(wrapped, {
    routeMeta: { access: options.access },
  });
}

async function checkAccess(access: RouteAccess, session: RouteSession | null, request: Request, requestId: string): Promise<void> {
  if ("public" in access) return;
  if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
  if ("permission" in access && !session.permissions.includes(access.permission)) {
    // Every refused use of a signed-in role is audited (a privacy officer may need to see attempts).
    await auditAuthEvent({
      action: AUTH_AUDIT_ACTIONS.accessRefused,
      outcome: "denied",
      actorSub: session.sub,
      roleId: session.roleProfileId,
      details: { permission: access.permission, method: request.method, path: new URL(request.url).pathname },
      requestId,
    });
    throw new AppError("forbidden", "Your selected role cannot do this. Change role if you have another.");
  }
}

async function readBody(request: Request, format: "json" | "form" | "text", maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The request is larger than ${maxBytes} bytes.`);
  const text = await readCapped(request, maxBytes);
  const type = request.headers.get("content-type") ?? "";
  if (format === "text") return text;
  if (format === "form") {
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      throw new AppError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
    }
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (!type.startsWith("application/json")) throw new AppError("unsupported_media_type", "Send JSON.");
  try {
    return text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `The request is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  throw new AppError("invalid_input", "Check the information you entered.", { fields });
}

function errorResponse(error: unknown, requestId: string, log: ReturnType<typeof requestLogger>): Response {
  const appError = isAppError(error)
    ? error
    : new AppError("internal", "Sorry, there is a problem with the service. Try again later.", { reference: requestId });
  if (appError.code === "internal") log.error({ err: error }, "unhandled error in route");
  else log.info({ code: appError.code }, "request refused");
  return Response.json(appError.toBody(), {
    status: appError.status,
    headers: { "x-request-id": requestId, "cache-control": "no-store" },
  });
}
