import "server-only";
import http from "node:http";
import https from "node:https";
import { errorBrand, hasBrand } from "@/lib/errors/brand";

/**
 * One HTTP POST with a hard deadline, over node:http(s) so an https.Agent can carry the mTLS
 * client certificate and CA bundle (global fetch cannot without an undici dispatcher).
 */
export interface HttpPostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Used for https URLs (mutual TLS); http URLs use the default agent. */
  httpsAgent?: https.Agent;
  /** Refuse to buffer more than this from Spine. */
  maxResponseBytes?: number;
}

export interface HttpPostResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTTP_POST_ERROR = errorBrand("HttpPostError");

export function isHttpPostError(value: unknown): value is HttpPostError {
  return hasBrand(value, HTTP_POST_ERROR);
}

/** Why a POST produced no HTTP response; `connection` failures are safe to retry with the same id. */
export class HttpPostError extends Error {
  readonly [HTTP_POST_ERROR] = true;
  readonly kind: "connection" | "timeout" | "too_large";
  readonly causeCode?: string;
  constructor(kind: HttpPostError["kind"], message: string, causeCode?: string) {
    super(message);
    this.name = "HttpPostError";
    this.kind = kind;
    this.causeCode = causeCode;
  }
}

const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export function httpPost(request: HttpPostRequest): Promise<HttpPostResponse> {
  const url = new URL(request.url);
  const isHttps = url.protocol === "https:";
  const send = isHttps ? https.request : http.request;
  const body = Buffer.from(request.body, "utf8");
  const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return new Promise<HttpPostResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-length": String(body.byteLength) },
        ...(isHttps && request.httpsAgent ? { agent: request.httpsAgent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let total = 0;
        res.on("data", (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > maxBytes) {
            req.destroy();
            finish(() => reject(new HttpPostError("too_large", `Spine response larger than ${maxBytes} bytes`)));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headers),
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          ),
        );
        res.on("error", (error) => finish(() => reject(connectionError(error))));
      },
    );
    // A deadline for the whole exchange, not just socket idleness: a slow drip still times out.
    const timer = setTimeout(() => {
      finish(() => reject(new HttpPostError("timeout", `No response from ${url.origin} within ${request.timeoutMs} ms`)));
      req.destroy();
    }, request.timeoutMs);
    req.on("error", (error) => finish(() => reject(connectionError(error))));
    req.end(body);
  });
}

function connectionError(error: Error): HttpPostError {
  const code = (error as NodeJS.ErrnoException).code;
  return new HttpPostError("connection", `Could not reach Spine: ${code ?? error.message}`, code);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
