import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveSimulatorConfig, type SimulatorConfigOverrides } from "@/simulator/config";
import { handleControlRequest } from "@/simulator/control/control-routes";
import { BodyTooLargeError, isLoopback, readBody, send, sendJson } from "@/simulator/http/http-io";
import { handleMhsRequest } from "@/simulator/mhs/mhs-handler";
import { PDS_PATIENT_PATH, readPdsPatient } from "@/simulator/pds/pds-patient-read";
import { handleEbxmlRequest } from "@/simulator/pipeline/ebxml-handler";
import type { SpineFrontHandler } from "@/simulator/pipeline/front-steps";
import { handleSyncRequest } from "@/simulator/pipeline/sync-handler";
import { DIRECTORY_ROUTE, readDirectory } from "@/simulator/sds/directory-fhir";
import { createSimulatorContext, type SimulatorContext } from "@/simulator/simulator-context";
import { openSimulatorStore, type SimulatorStoreOptions } from "@/simulator/store/open-simulator-store";

export interface StartSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  store?: SimulatorStoreOptions;
  config?: SimulatorConfigOverrides;
  /** Replaces data/sds-registry.json (same shape). */
  sdsRegistry?: unknown;
}

export interface RunningSimulator {
  url: string;
  port: number;
  context: SimulatorContext;
  /** Reseeds the world (default scenario unless named) and clears faults and pending replies. */
  reset(scenario?: string): Promise<void>;
  close(): Promise<void>;
}

type RouteHandler = (context: SimulatorContext, request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

const withBody =
  (handler: SpineFrontHandler): RouteHandler =>
  async (context, request, response) =>
    handler(context, request, response, await readBody(request, context.config.bodyLimitBytes));

/** Spine's (and PDS's and the SDS directory's) public routes, as a table. */
const routes: { method: string; path: RegExp; handler: RouteHandler }[] = [
  { method: "GET", path: /^\/health$/, handler: async (_context, _request, response) => sendJson(response, 200, { status: "ok" }) },
  { method: "POST", path: /^\/sync-service$/, handler: withBody(handleSyncRequest) },
  { method: "POST", path: /^\/reliablemessaging\/(reliablerequest|queryrequest)$/, handler: withBody(handleEbxmlRequest) },
  { method: "POST", path: /^\/$/, handler: withBody(handleMhsRequest) },
  {
    method: "GET",
    path: PDS_PATIENT_PATH,
    handler: async (context, _request, response, url) => {
      const nhsNumber = PDS_PATIENT_PATH.exec(url.pathname)?.[1] ?? "";
      const result = await readPdsPatient(context.db, nhsNumber);
      send(response, result.status, JSON.stringify(result.resource), "application/fhir+json");
    },
  },
  {
    method: "GET",
    path: DIRECTORY_ROUTE,
    handler: async (context, _request, response, url) => {
      const result = await readDirectory(context.db, url);
      send(response, result.status, JSON.stringify(result.resource), "application/fhir+json");
    },
  },
];

async function route(context: SimulatorContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://simulator.invalid");
  if (url.pathname.startsWith("/_control/")) {
    // The control API exists only when enabled, and never answers anyone but loopback.
    if (!context.config.controlEnabled || !isLoopback(request)) return sendJson(response, 404, { error: "not found" });
    const body = request.method === "GET" ? "" : await readBody(request, context.config.bodyLimitBytes);
    if (await handleControlRequest(context, request, response, url, body)) return;
    return sendJson(response, 404, { error: "not found" });
  }
  const matched = routes.find((candidate) => candidate.path.test(url.pathname) && candidate.method === request.method);
  if (matched) return matched.handler(context, request, response, url);
  const pathKnown = routes.some((candidate) => candidate.path.test(url.pathname));
  sendJson(response, pathKnown ? 405 : 404, { error: pathKnown ? "method not allowed" : "not found" });
}

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const config = resolveSimulatorConfig(options.config);
  const store = await openSimulatorStore(options.store ?? { inMemory: true });
  const context = createSimulatorContext(store.db, config, options.sdsRegistry);
  await context.loadWorld(config.resetOnStart);

  const server: Server = createServer((request, response) => {
    route(context, request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        send(response, 413, `request body exceeds ${error.limitBytes} bytes`, "text/plain", { connection: "close" });
        return;
      }
      sendJson(response, 500, { error: "internal error" });
      console.error("simulator: unhandled error", error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    context,
    reset: (scenario) => context.reset(scenario),
    close() {
      closing ??= (async () => {
        context.delivery.cancelAll();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await context.delivery.settled();
        await store.close();
      })();
      return closing;
    },
  };
}
