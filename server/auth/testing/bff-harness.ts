import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { Cis2StandIn } from "@/cis2/server";
import { CookieJar, form } from "@/cis2/test-support/cookie-jar";
import { absoluteRouteFile, listRouteFiles } from "./route-files";

/**
 * Test support: the BFF's route handlers served over real loopback HTTP (no Next server), next
 * to an in-process CIS2 stand-in registered with this BFF's callback and back-channel URLs.
 * Environment is set before any BFF module is loaded (config() is read once per process).
 */

export const TEST_SESSION_PASSWORD = "test-only-session-password-0123456789abcdef";
/** The credential /api/spine/inbound requires (Spine's TLS client certificate stands in for it live). */
export const TEST_SPINE_INBOUND_AUTH = { header: "x-lrm-spine-credential", value: "test-only-spine-inbound-credential" };

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface BffHarness {
  baseUrl: string;
  standIn: Cis2StandIn;
  close(): Promise<void>;
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server.address() as AddressInfo));
  });
}

async function dispatch(baseUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", baseUrl);
  for (const route of listRouteFiles()) {
    const match = route.matcher.exec(url.pathname);
    if (!match) continue;
    const mod = (await import(absoluteRouteFile(route))) as Record<string, Handler | undefined>;
    const handler = mod[req.method ?? "GET"];
    if (!handler) {
      res.writeHead(405).end();
      return;
    }
    const params = Object.fromEntries(route.params.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve(params) });
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outHeaders[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outHeaders["set-cookie"] = cookies;
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  res.writeHead(404).end();
}

export async function startBffHarness(
  env: Record<string, string> = {},
  standInOptions: { signingKeyPath?: string } = {},
): Promise<BffHarness> {
  let baseUrl = "";
  const server = createServer((req, res) => {
    dispatch(baseUrl, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  const address = await listen(server);
  baseUrl = `http://127.0.0.1:${address.port}`;
  const { startCis2StandIn } = await import("@/cis2/server");
  const standIn = await startCis2StandIn({
    port: 0,
    log: () => undefined,
    ...standInOptions,
    client: {
      redirectUris: [`${baseUrl}/api/auth/callback`],
      postLogoutRedirectUris: [`${baseUrl}/`],
      backchannelLogoutUri: `${baseUrl}/api/auth/backchannel-logout`,
    },
  });
  Object.assign(process.env, {
    APP_BASE_URL: baseUrl,
    CIS2_ISSUER: standIn.issuer,
    CIS2_CLIENT_ID: standIn.relyingParty.clientId,
    SESSION_PASSWORD: TEST_SESSION_PASSWORD,
    SPINE_INBOUND_AUTH_HEADER: TEST_SPINE_INBOUND_AUTH.header,
    SPINE_INBOUND_AUTH_VALUE: TEST_SPINE_INBOUND_AUTH.value,
    APP_DB_IN_MEMORY: "1",
    LOG_LEVEL: "silent",
    ...env,
  });
  return {
    baseUrl,
    standIn,
    async close() {
      await standIn.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function locationOf(response: Response, base: URL): URL {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect from ${base.href}, got ${response.status}`);
  return new URL(location, base);
}

export interface SignInResult {
  /** The BFF callback's response (302 with Set-Cookie when a session was made). */
  callback: Response;
  /** Where the callback sent the browser. */
  destination: URL;
}

/**
 * Walk the whole journey as a browser would: BFF login (or change-role) → CIS2 persona page →
 * role picker when shown → back to the BFF callback. At most 20 hops.
 */
export async function signInThroughBff(
  harness: BffHarness,
  jar: CookieJar,
  personaUid: string,
  options: { roleId?: string; start?: "login" | "change-role"; returnTo?: string } = {},
): Promise<SignInResult> {
  let url = new URL(`/api/auth/${options.start ?? "login"}`, harness.baseUrl);
  if (options.returnTo !== undefined) url.searchParams.set("returnTo", options.returnTo);
  let response = await jar.fetch(url);
  for (let hop = 0; hop < 20; hop++) {
    const next = locationOf(response, url);
    await response.arrayBuffer();
    if (next.pathname.startsWith("/interaction/") && !/\/(login|role)$/.test(next.pathname)) {
      response = await jar.fetch(next); // the persona list
      await response.arrayBuffer();
      url = next;
      response = await jar.fetch(new URL(`${next.pathname}/login`, next), form({ accountId: personaUid }));
      continue;
    }
    if (next.pathname.endsWith("/role")) {
      if (!options.roleId) throw new Error("the role picker was shown but no roleId was given");
      url = next;
      response = await jar.fetch(next, form({ person_roleid: options.roleId }));
      continue;
    }
    if (next.href.startsWith(`${harness.baseUrl}/api/auth/callback`)) {
      const callback = await jar.fetch(next);
      return { callback, destination: locationOf(callback, next) };
    }
    url = next;
    response = await jar.fetch(next);
  }
  throw new Error("sign-in did not reach the callback within 20 hops");
}

export { CookieJar, form };
