import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small load balancer for the two-instance suite: every request goes to the next app instance in
 * turn (no stickiness, so any request may land on either), unless the caller names one in
 * `x-lrm-instance`, as a test does to say "this step runs on A". Bodies are streamed both ways;
 * each answer says who served it in `x-lrm-served-by`, and the proxy counts requests per instance.
 */
export const INSTANCE_HEADER = "x-lrm-instance";
export const SERVED_BY_HEADER = "x-lrm-served-by";

export interface ProxyTarget {
  name: string;
  url: string;
}

export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each instance so far. */
  served: Record<string, number>;
  setTargets(targets: ProxyTarget[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targets: ProxyTarget[] = []): Promise<RoundRobinProxy> {
  let pool = [...targets];
  let turn = 0;
  const served: Record<string, number> = {};

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const named = req.headers[INSTANCE_HEADER];
    const target = typeof named === "string" ? pool.find((t) => t.name === named) : pool[turn++ % Math.max(pool.length, 1)];
    if (!target) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`no instance ${String(named ?? "")}`);
      req.resume();
      return;
    }
    served[target.name] = (served[target.name] ?? 0) + 1;
    const { [INSTANCE_HEADER]: _named, ...headers } = req.headers;
    const upstream = httpRequest(new URL(req.url ?? "/", target.url), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [SERVED_BY_HEADER]: target.name });
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", [SERVED_BY_HEADER]: target.name });
      res.end(`upstream ${target.name}: ${error.message}`);
    });
    // The app may answer (413) and close before the whole body is sent: stop sending then.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    setTargets(next) {
      pool = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
