import http from "node:http";
import { expect, test } from "@playwright/test";
import { e2eStack } from "./support/e2e-stack";

/**
 * Body caps hold on the real server, whatever the framework does with large bodies: a 20 MB body
 * to the Spine inbound endpoint (cap 12 MB) is refused with 413, sent chunked (no Content-Length)
 * or with its length declared. The caller is authenticated, so the body really is read.
 */
const TWENTY_MB = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

function post(options: { chunked: boolean }): Promise<number> {
  const url = new URL("/api/spine/inbound", e2eStack.appBaseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": 'multipart/related; boundary="x"',
          [e2eStack.spineInboundAuth.header]: e2eStack.spineInboundAuth.value,
          ...(options.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(TWENTY_MB) }),
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    let sent = 0;
    const pump = () => {
      while (sent < TWENTY_MB) {
        sent += CHUNK.length;
        if (!request.write(CHUNK)) return request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

test("a 20 MB chunked body gets 413", async () => {
  expect(await post({ chunked: true })).toBe(413);
});

test("a 20 MB body with Content-Length gets 413", async () => {
  expect(await post({ chunked: false })).toBe(413);
});
