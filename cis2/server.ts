/**
 * startCis2StandIn: one node:http server that serves
 *   {issuer path}/…        oidc-provider (discovery, /authorize, /access_token, /userinfo, …)
 *   /interaction/…         the persona list and role picker
 *   /_admin/…              loopback-only session control
 *   /health                {"status":"ok"}
 * Plain node:http rather than Koa mounting: set req.originalUrl and strip the prefix so
 * oidc-provider builds its URLs (discovery, cookies) under the CIS2 realm path (§8).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type Provider from "oidc-provider";
import { handleAdmin } from "./admin";
import { CIS2_ISSUER_PATH, type Cis2StandInOptions, DEFAULT_CIS2_HOST, defaultRelyingParty, type RelyingPartyRegistration } from "./config";
import { sendHtml, sendJson } from "./http-util";
import { handleInteraction } from "./interactions";
import { renderNotFoundPage } from "./login-pages";
import { StandInStore } from "./memory-store";
import { createCis2Provider } from "./provider";
import { generateCookieKeys, loadOrCreateSigningJwk } from "./signing-keys";

export interface Cis2StandIn {
  /** e.g. http://127.0.0.1:4200/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare */
  issuer: string;
  /** Origin the server listens on, e.g. http://127.0.0.1:4200 */
  url: string;
  relyingParty: RelyingPartyRegistration;
  close(): Promise<void>;
}

function issuerPath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/$/, "");
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startCis2StandIn(options: Cis2StandInOptions = {}): Promise<Cis2StandIn> {
  const host = options.host ?? DEFAULT_CIS2_HOST;
  const log = options.log ?? ((message: string) => process.stderr.write(`cis2: ${message}\n`));
  const relyingParty: RelyingPartyRegistration = { ...defaultRelyingParty({}), ...options.client };
  const signingJwk = await loadOrCreateSigningJwk(options.signingKeyPath);
  const store = new StandInStore();

  // The issuer needs the bound port (port 0 in tests), so the provider is created after listen.
  let provider: Provider | undefined;
  let handleProviderRequest: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let prefix = CIS2_ISSUER_PATH;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in.invalid");
    const route = async () => {
      if (!provider || !handleProviderRequest) return sendJson(res, 503, { error: "starting" });
      if (url.pathname === "/health") return sendJson(res, 200, { status: "ok" });
      if (url.pathname.startsWith("/_admin/")) return handleAdmin({ provider, store, req, res, url });
      if (url.pathname.startsWith("/interaction/")) return handleInteraction({ provider, store, req, res, url });
      if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
        const mounted = req as IncomingMessage & { originalUrl?: string };
        mounted.originalUrl = req.url;
        mounted.url = (req.url ?? "").slice(prefix.length) || "/";
        return handleProviderRequest(req, res);
      }
      return sendHtml(res, renderNotFoundPage());
    };
    route().catch((error: unknown) => {
      log(`unhandled error on ${req.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
      else res.destroy();
    });
  });

  const address = await listen(server, options.port ?? 0, host);
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  const issuer = options.issuer ?? `${origin}${CIS2_ISSUER_PATH}`;
  prefix = issuerPath(issuer);
  provider = createCis2Provider({ issuer, relyingParty, signingJwk, cookieKeys: generateCookieKeys(), store });
  handleProviderRequest = provider.callback();
  provider.on("backchannel.error", (...args: unknown[]) => {
    const error = args[1] as Error | undefined;
    log(`back-channel logout failed: ${error?.message ?? "unknown error"}`);
  });
  provider.on("server_error", (...args: unknown[]) => {
    const error = args[1] as Error | undefined;
    log(`provider server_error: ${error?.stack ?? "unknown error"}`);
  });

  return {
    issuer,
    url: origin,
    relyingParty,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
