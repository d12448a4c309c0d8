import autocannon, { type RequestSpec, type Result } from "autocannon";

/** One autocannon run on loopback, reduced to the figures the benches print. */

export interface LoadFigures {
  connections: number;
  durationSec: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p97_5Ms: number;
  p99Ms: number;
  /** Connection errors + timeouts + non-2xx answers. */
  errors: number;
  statusCounts: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  method?: string;
  headers?: Record<string, string>;
  /** Called for every request: return the body to send (e.g. a fresh message id each time). */
  nextBody?: () => string;
  /** Per-request timeout (s); a stuck server then shows as errors instead of a hang. */
  timeoutSec?: number;
}

export function toLoadFigures(result: Result, connections: number): LoadFigures {
  const statusCounts: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = Number(stat.count);
  const requests = Object.values(statusCounts).reduce((total, count) => total + count, 0);
  return {
    connections,
    durationSec: result.duration,
    requests,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p97_5Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx, // autocannon's errors already include timeouts
    statusCounts,
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const request: RequestSpec = { method: options.method ?? "GET" };
  if (options.headers) request.headers = options.headers;
  const nextBody = options.nextBody;
  if (nextBody) request.setupRequest = (spec) => ({ ...spec, body: nextBody() });
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSec,
    timeout: options.timeoutSec ?? 10,
    requests: [request],
  });
  return toLoadFigures(result, options.connections);
}
