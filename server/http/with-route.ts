import "server-only";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/rbac/permission-names";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { recordAuditOrLog } from "@/server/audit/record-audit";
import { sessionForRequest } from "@/server/auth/request-session";
import { isSameOriginBrowserRequest } from "@/server/auth/same-origin";
import type { ActiveSession } from "@/server/auth/session-record";
import { type SignedInUser, signedInUserFrom } from "@/server/auth/signed-in-user";
import { requestLogger } from "@/server/log/logger";
import { type LrContext, lrContextFor } from "@/server/lr/lr-context";
import { assertRequestNhsNumbersForMode } from "./nhs-number-mode-guard";
import { type BodyFormat, readBody } from "./read-body";

/**
 * The one way into the BFF. Every route handler is `withRoute(handler, options)`:
 *   session (read once) → permission (decided here, from the selected role's activity codes)
 *   → same-origin check for state changes → caller check → path params, query and body
 *   (size-capped while reading, then zod) → handler,
 * with every thrown error mapped to a status and a JSON body that never leaks internals. The
 * handler receives the signed-in user and the LR context already built, so its body is the
 * business step only.
 */

/** Who may call a route: a permission, any signed-in user, or anyone (health, sign-in, inbound Spine). */
export type RouteAccess = { permission: Permission } | { signedIn: true } | { public: string };

type Schema = z.ZodType | undefined;

export interface RouteOptions<A extends RouteAccess, P extends Schema, B extends Schema, Q extends Schema> {
  access: A;
  /** Path parameters, e.g. `patientParams` (the NHS number checked once, here). */
  params?: P;
  body?: B;
  query?: Q;
  /** How the body arrives; JSON unless a standard says otherwise (logout tokens are form-encoded). */
  bodyFormat?: BodyFormat;
  /** This route's body cap, counted while reading (a chunked body cannot slip past it). */
  maxBodyBytes?: number;
  /** Skip the same-origin check: only for server-to-server callers (Spine inbound, back-channel logout). */
  crossOriginAllowed?: string;
  /** Authenticates a server-to-server caller from its headers before the body is read (throws AppError). */
  callerCheck?: (request: Request) => void;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type UserFor<A extends RouteAccess> = A extends { public: string } ? SignedInUser | null : SignedInUser;

export interface RouteContext<A extends RouteAccess, P, B, Q> {
  request: Request;
  requestId: string;
  log: ReturnType<typeof requestLogger>;
  params: P;
  body: B;
  query: Q;
  /** The signed-in user (never null on a route that needs a session). */
  user: UserFor<A>;
  /** The server-side session record behind `user` (for the session endpoints). */
  session: A extends { public: string } ? ActiveSession | null : ActiveSession;
  /**
   * Who is acting, for the LR service: built on first use, and refused (403) when the selected
   * role has no CIS2 job role, since Spine must be told who the user is acting as.
   */
  readonly lr: LrContext;
}

export interface RouteMeta {
  access: RouteAccess;
}

export type RouteHandler = ((request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  routeMeta: RouteMeta;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The API's own answers (the wrapper's JSON answers and errors, Spine's acknowledgements): never
 * stored, and never transformed on the way.
 * `no-transform` also keeps Next's response compression off them (the `compression` middleware
 * honours it): they are a few hundred bytes, and gzip on every one cost ~0.5 ms in the app and
 * as much again in the client, one at a time (docs/performance.md, issue 16 P1).
 */
export const API_ANSWER_CACHE_CONTROL = "no-store, no-transform";

export function withRoute<A extends RouteAccess, P extends Schema = undefined, B extends Schema = undefined, Q extends Schema = undefined>(
  handler: (ctx: RouteContext<A, Infer<P>, Infer<B>, Infer<Q>>) => Promise<Response | unknown>,
  options: RouteOptions<A, P, B, Q>,
): RouteHandler {
  const wrapped = async (request: Request, next: { params: Promise<Record<string, string | string[]>> }) => {
    // Always ours (the API is outside proxy.ts): a client-chosen id could forge or collide with the
    // references users quote and the audit trail.
    const requestId = crypto.randomUUID();
    const log = requestLogger(requestId);
    try {
      const session = await sessionForRequest(request);
      const user = session ? signedInUserFrom(session) : null;
      await checkAccess(options.access, user, request, requestId);
      // State changes must come from our own pages (Origin, or Sec-Fetch-Site for form posts).
      if (!SAFE_METHODS.has(request.method) && !options.crossOriginAllowed && !isSameOriginBrowserRequest(request)) {
        throw new AppError("forbidden", "This request did not come from LR Manager.");
      }
      options.callerCheck?.(request);
      const params = options.params ? parseParams(options.params, await rawParams(next)) : undefined;
      const query = options.query ? parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const body = options.body
        ? parseInput(options.body, await readBody(request, options.bodyFormat ?? "json", options.maxBodyBytes))
        : undefined;
      // Training and live data never mix: checked before the handler can send anything.
      assertRequestNhsNumbersForMode(params, body);
      let lr: LrContext | undefined;
      const result = await handler({
        request,
        requestId,
        log,
        params: params as Infer<P>,
        query: query as Infer<Q>,
        body: body as Infer<B>,
        user: user as UserFor<A>,
        session: session as RouteContext<A, unknown, unknown, unknown>["session"],
        get lr() {
          if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
          lr ??= lrContextFor(user, log, requestId);
          return lr;
        },
      });
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        // A handler's own body (a CSV export, Spine's acknowledgement) keeps Next's compression.
        if (!result.headers.has("cache-control")) result.headers.set("cache-control", "no-store");
        return result;
      }
      return Response.json(result ?? { ok: true }, { headers: { "x-request-id": requestId, "cache-control": API_ANSWER_CACHE_CONTROL } });
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  };
  return Object.assign(wrapped, { routeMeta: { access: options.access } });
}

async function checkAccess(access: RouteAccess, user: SignedInUser | null, request: Request, requestId: string): Promise<void> {
  if ("public" in access) return;
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if ("permission" in access && !user.permissions.includes(access.permission)) {
    // Every refused use of a signed-in role is audited (a privacy officer may need to see attempts).
    await recordAuditOrLog({
      action: AUDIT_ACTIONS.accessRefused,
      outcome: "denied",
      actor: { sub: user.sub, roleProfileId: user.roleProfileId, orgCode: user.orgCode, sessionId: user.sessionId },
      details: { permission: access.permission, method: request.method, path: new URL(request.url).pathname },
      requestId,
    });
    throw new AppError("forbidden", "Your selected role cannot do this. Change role if you have another.");
  }
}

async function rawParams(next: { params: Promise<Record<string, string | string[]>> } | undefined): Promise<Record<string, string>> {
  const raw = next?.params ? await next.params : {};
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, decoded(Array.isArray(value) ? value.join("/") : value)]));
}

/** Segments may arrive still percent-encoded (an NHS number typed with spaces); a stray "%" stays as it is. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A path that names nothing we hold is "not found", not a form error; NHS numbers say what is wrong with them. */
function parseParams<T extends z.ZodType>(schema: T, value: Record<string, string>): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? "");
  if (field === "nhsNumber") {
    throw new AppError("invalid_input", "Enter a valid 10-digit NHS number.", {
      fields: { nhsNumber: issue?.message ?? "Enter a valid NHS number" },
    });
  }
  throw new AppError("not_found", issue?.message ?? "Page not found.");
}

function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
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
    headers: { "x-request-id": requestId, "cache-control": API_ANSWER_CACHE_CONTROL },
  });
}
